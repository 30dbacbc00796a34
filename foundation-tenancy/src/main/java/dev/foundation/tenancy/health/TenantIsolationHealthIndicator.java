package dev.foundation.tenancy.health;

import java.util.Map;

import dev.foundation.tenancy.rls.CachedTenantIsolationCheck;
import dev.foundation.tenancy.rls.TenantIsolationCheckResult;
import dev.foundation.tenancy.rls.TenantSettingLeakCounts;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code tenantIsolation} health component: the tables of tenant-owned entities
 * checked for row-level security (the startup self-check's result, re-run once it is
 * older than its maximum age) and the counts of the check of connections returned to the
 * pool.
 * <p>
 * {@code DOWN} when a table is no longer protected (RLS disabled or not forced, policy
 * dropped, role become owner, superuser or BYPASSRLS): isolation then rests on
 * Hibernate's tenant restriction alone, and the aggregate status should say so. It is
 * deliberately not part of the readiness group: every instance shares the database, so
 * taking them out of rotation turns a security finding into an outage without fixing
 * anything; include it in readiness only if you prefer to stop serving. {@code UNKNOWN}
 * when the catalog cannot be read (the {@code db} component reports the outage) or the
 * self-check is switched off. Leaked tenant settings do not change the status, since each
 * was neutralised before the connection could be reused; they are a bug to find through
 * the details and the {@code foundation.tenancy.isolation.leaked.settings} counter.
 */
public class TenantIsolationHealthIndicator implements HealthIndicator {

	private final @Nullable CachedTenantIsolationCheck check;

	private final @Nullable TenantSettingLeakCounts leaks;

	/**
	 * Creates the indicator.
	 * @param check the self-check, or {@code null} when it is switched off
	 * @param leaks the counts of the returned-connection check, or {@code null} when it
	 * is switched off
	 */
	public TenantIsolationHealthIndicator(@Nullable CachedTenantIsolationCheck check,
			@Nullable TenantSettingLeakCounts leaks) {
		this.check = check;
		this.leaks = leaks;
	}

	@Override
	public Health health() {
		Health.Builder health = status();
		if (this.leaks != null) {
			health.withDetail("connectionCheck", Map.of("checks", this.leaks.checks(), "leakedSettings",
					this.leaks.leaks(), "failures", this.leaks.failures()));
		}
		return health.build();
	}

	private Health.Builder status() {
		if (this.check == null) {
			return Health.unknown().withDetail("selfCheck", "off");
		}
		TenantIsolationCheckResult result = this.check.current();
		Health.Builder health = (result.failure() != null)
				? Health.unknown().withDetail("error", "could not read the catalog: " + result.failure().getMessage())
				: result.problems().isEmpty() ? Health.up() : Health.down().withDetail("problems", result.problems());
		return health.withDetail("tables", result.tables()).withDetail("checkedAt", result.checkedAt().toString());
	}

}
