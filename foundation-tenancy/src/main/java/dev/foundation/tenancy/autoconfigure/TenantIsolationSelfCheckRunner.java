package dev.foundation.tenancy.autoconfigure;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.tenancy.autoconfigure.TenantIsolationProperties.SelfCheck;
import dev.foundation.tenancy.persistence.TenantOwnedTables;
import dev.foundation.tenancy.rls.TenantIsolationSelfCheck;
import jakarta.persistence.EntityManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Runs the {@link TenantIsolationSelfCheck} on the tables of tenant-owned entities once every singleton (the entity
 * manager factory, after the migrations) is ready, so a forgotten policy cannot ship silently.
 */
final class TenantIsolationSelfCheckRunner implements SmartInitializingSingleton {

	static final String PROPERTY = "foundation.tenancy.isolation.self-check";

	private static final Logger logger = LoggerFactory.getLogger(TenantIsolationSelfCheckRunner.class);

	private final SelfCheck mode;

	private final DataSource dataSource;

	private final ObjectProvider<EntityManagerFactory> entityManagerFactories;

	TenantIsolationSelfCheckRunner(SelfCheck mode, DataSource dataSource,
			ObjectProvider<EntityManagerFactory> entityManagerFactories) {
		this.mode = mode;
		this.dataSource = dataSource;
		this.entityManagerFactories = entityManagerFactories;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.mode == SelfCheck.OFF) {
			return;
		}
		EntityManagerFactory entityManagerFactory = this.entityManagerFactories.getIfUnique();
		if (entityManagerFactory == null) {
			return;
		}
		Set<String> tables = TenantOwnedTables.of(entityManagerFactory);
		if (tables.isEmpty()) {
			return;
		}
		List<String> problems;
		try {
			problems = new TenantIsolationSelfCheck(this.dataSource).check(tables);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not check row-level security of " + tables + ": " + ex.getMessage(),
					ex);
		}
		if (problems.isEmpty()) {
			logger.info("Row-level security protects every tenant-owned table: {}", tables);
			return;
		}
		String reason = "tenant isolation is not enforced by PostgreSQL: " + String.join("; ", problems);
		if (this.mode == SelfCheck.WARN) {
			logger.warn("{} ({}=warn)", reason, PROPERTY);
			return;
		}
		throw new InvalidFoundationPropertyException(PROPERTY, reason, "Fix the tables and the application's "
				+ "database role as described, or, while migrating an existing application, set " + PROPERTY
				+ "=warn to start anyway");
	}

}
