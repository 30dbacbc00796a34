package dev.foundation.tenancy.autoconfigure;

import dev.foundation.tenancy.autoconfigure.TenantIsolationProperties.SelfCheck;
import dev.foundation.tenancy.health.TenantIsolationHealthIndicator;
import dev.foundation.tenancy.rls.CachedTenantIsolationCheck;
import dev.foundation.tenancy.rls.TenantSettingLeakCounts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code tenantIsolation} health component (switch:
 * {@code management.health.tenant-isolation.enabled}). It is not added to any health
 * group: see {@link TenantIsolationHealthIndicator} for why it stays out of readiness.
 */
@AutoConfiguration(after = TenantIsolationAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(TenantIsolationProperties.class)
@ConditionalOnEnabledHealthIndicator("tenant-isolation")
public final class TenantIsolationHealthContributorAutoConfiguration {

	TenantIsolationHealthContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "tenantIsolationHealthIndicator")
	TenantIsolationHealthIndicator tenantIsolationHealthIndicator(TenantIsolationProperties properties,
			ObjectProvider<CachedTenantIsolationCheck> check, ObjectProvider<TenantSettingLeakCounts> leaks) {
		return new TenantIsolationHealthIndicator(
				(properties.getSelfCheck() != SelfCheck.OFF) ? check.getIfUnique() : null, leaks.getIfUnique());
	}

}
