package dev.foundation.tenancy.rls;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the check of connections returned to the pool has seen so far (see
 * {@link TenantSettingCheckingDataSource}): the basis of the
 * {@code foundation.tenancy.isolation.*} meters and of the {@code tenantIsolation} health
 * details.
 */
public final class TenantSettingLeakCounts {

	private final LongAdder checks = new LongAdder();

	private final LongAdder leaks = new LongAdder();

	private final LongAdder failures = new LongAdder();

	/**
	 * Returns how many returned connections were checked.
	 * @return the number of completed checks
	 */
	public long checks() {
		return this.checks.sum();
	}

	/**
	 * Returns how many returned connections still carried a tenant setting at session
	 * level (each one neutralised).
	 * @return the number of leaks
	 */
	public long leaks() {
		return this.leaks.sum();
	}

	/**
	 * Returns how many returned connections could not be checked (typically broken
	 * connections; each one evicted where the pool allows).
	 * @return the number of failed checks
	 */
	public long failures() {
		return this.failures.sum();
	}

	void checked() {
		this.checks.increment();
	}

	void leaked() {
		this.leaks.increment();
	}

	void failed() {
		this.failures.increment();
	}

}
