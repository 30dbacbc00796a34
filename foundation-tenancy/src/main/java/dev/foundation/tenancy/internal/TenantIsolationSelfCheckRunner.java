package dev.foundation.tenancy.internal;

import java.util.List;

import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.tenancy.rls.CachedTenantIsolationCheck;
import dev.foundation.tenancy.rls.TenantIsolationCheckResult;
import dev.foundation.tenancy.rls.TenantIsolationSelfCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Runs the {@link TenantIsolationSelfCheck} on the tables of tenant-owned entities once
 * every singleton (the entity manager factory, after the migrations) is ready, so a
 * forgotten policy cannot ship silently. Its result is the first one the
 * {@code tenantIsolation} health component shows.
 */
public final class TenantIsolationSelfCheckRunner implements SmartInitializingSingleton {

	/** The property that sets the mode. */
	public static final String PROPERTY = "foundation.tenancy.isolation.self-check";

	private static final Logger logger = LoggerFactory.getLogger(TenantIsolationSelfCheckRunner.class);

	private final Mode mode;

	private final CachedTenantIsolationCheck check;

	/**
	 * Creates the runner.
	 * @param mode what a problem does at startup
	 * @param check the check to run
	 */
	public TenantIsolationSelfCheckRunner(Mode mode, CachedTenantIsolationCheck check) {
		this.mode = mode;
		this.check = check;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.mode == Mode.OFF) {
			return;
		}
		TenantIsolationCheckResult result = this.check.refresh();
		List<String> tables = result.tables();
		if (tables.isEmpty()) {
			return;
		}
		if (result.failure() != null) {
			throw new IllegalStateException(
					"Could not check row-level security of " + tables + ": " + result.failure().getMessage(),
					result.failure());
		}
		if (result.problems().isEmpty()) {
			logger.info("Row-level security protects every tenant-owned table: {}", tables);
			return;
		}
		String reason = "tenant isolation is not enforced by PostgreSQL on " + String.join(", ", tables) + ": "
				+ String.join("; ", result.problems());
		if (this.mode == Mode.WARN) {
			logger.warn("{} ({}=warn)", reason, PROPERTY);
			return;
		}
		throw new InvalidFoundationPropertyException(PROPERTY, reason,
				"Fix the tables and the application's "
						+ "database role as described, or, while migrating an existing application, set " + PROPERTY
						+ "=warn to start anyway");
	}

	/** What a problem found at startup does. */
	public enum Mode {

		/** Startup fails, naming the tables and the fix. */
		FAIL,

		/** A warning is logged. */
		WARN,

		/** The check does not run at startup. */
		OFF

	}

}
