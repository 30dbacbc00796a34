package dev.foundation.tenancy.rls;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The {@link TenantIsolationSelfCheck} of the tables of tenant-owned entities, run at
 * startup and re-run when its last result is older than a maximum age, so that a health
 * endpoint polled every few seconds costs at most one catalog query per interval and
 * still shows a policy dropped (or a role altered) at runtime.
 */
public final class CachedTenantIsolationCheck {

	private final Supplier<List<Target>> targets;

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
		this(() -> List.of(new Target(check, tables.get())), maxAge, clock);
	}

	/**
	 * Creates the check of several databases (one per entity manager factory, say).
	 * @param targets the checks and their tables, asked for on every run; a target
	 * without a check (its data source could not be determined) is reported as a problem,
	 * never skipped silently
	 * @param maxAge how long a result is reused by {@link #current()}
	 * @param clock the clock that dates results
	 */
	public CachedTenantIsolationCheck(Supplier<List<Target>> targets, Duration maxAge, Clock clock) {
		if (maxAge.isNegative()) {
			throw new IllegalArgumentException("maxAge must not be negative");
		}
		this.targets = targets;
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
	 * @return the result; a catalog that cannot be read is reported in
	 * {@link TenantIsolationCheckResult#failure()}
	 */
	public synchronized TenantIsolationCheckResult refresh() {
		List<String> tables = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		Instant now = this.clock.instant();
		TenantIsolationCheckResult result = null;
		for (Target target : this.targets.get()) {
			tables.addAll(target.tables());
			TenantIsolationSelfCheck check = target.check();
			if (check == null) {
				if (!target.tables().isEmpty()) {
					problems.add("the data source of tables " + target.tables() + " could not be determined, so "
							+ "their row-level security is unchecked; give their entity manager factory a data "
							+ "source it exposes (EntityManagerFactoryInfo)");
				}
				continue;
			}
			try {
				problems.addAll(check.check(target.tables()));
			}
			catch (SQLException ex) {
				result = new TenantIsolationCheckResult(tables, List.of(), now, ex);
				break;
			}
		}
		if (result == null) {
			result = new TenantIsolationCheckResult(tables, problems, now, null);
		}
		this.last = result;
		return result;
	}

	/**
	 * A database to check and the tenant-owned tables in it.
	 *
	 * @param check the check of the database, or {@code null} when its data source is
	 * unknown
	 * @param tables the tables
	 */
	public record Target(@Nullable TenantIsolationSelfCheck check, Set<String> tables) {

		public Target {
			tables = Set.copyOf(tables);
		}

	}

}
