package dev.foundation.tenancy.rls;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The {@link TenantIsolationSelfCheck} of the tables of tenant-owned entities, run at startup and re-run when its last
 * result is older than a maximum age, so that a health endpoint polled every few seconds costs at most one catalog
 * query per interval and still shows a policy dropped (or a role altered) at runtime.
 */
public final class CachedTenantIsolationCheck {

	private final TenantIsolationSelfCheck check;

	private final Supplier<Set<String>> tables;

	private final Duration maxAge;

	private final Clock clock;

	private @Nullable TenantIsolationCheckResult last;

	/**
	 * Creates the check.
	 * @param check the self-check to run
	 * @param tables the tables to check, asked for on every run
	 * @param maxAge how long a result is reused by {@link #current()}
	 * @param clock the clock that dates results
	 */
	public CachedTenantIsolationCheck(TenantIsolationSelfCheck check, Supplier<Set<String>> tables, Duration maxAge,
			Clock clock) {
		if (maxAge.isNegative()) {
			throw new IllegalArgumentException("maxAge must not be negative");
		}
		this.check = check;
		this.tables = tables;
		this.maxAge = maxAge;
		this.clock = clock;
	}

	/**
	 * Returns the last result while it is younger than the maximum age, or checks again.
	 * @return the result, never older than the maximum age
	 */
	public synchronized TenantIsolationCheckResult current() {
		TenantIsolationCheckResult result = this.last;
		if (result != null && result.checkedAt().plus(this.maxAge).isAfter(this.clock.instant())) {
			return result;
		}
		return refresh();
	}

	/**
	 * Checks now and remembers the result.
	 * @return the result; a catalog that cannot be read is reported in {@link TenantIsolationCheckResult#failure()}
	 */
	public synchronized TenantIsolationCheckResult refresh() {
		Set<String> tables = this.tables.get();
		Instant now = this.clock.instant();
		TenantIsolationCheckResult result;
		try {
			result = new TenantIsolationCheckResult(List.copyOf(tables), this.check.check(tables), now, null);
		}
		catch (SQLException ex) {
			result = new TenantIsolationCheckResult(List.copyOf(tables), List.of(), now, ex);
		}
		this.last = result;
		return result;
	}

}
