package dev.foundation.audit.internal;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.foundation.audit.AuditTenantScope;
import dev.foundation.tenancy.persistence.TenantScope;
import org.jspecify.annotations.Nullable;

/**
 * The tenant scope with {@code foundation-tenancy}: a chain's events are written with the
 * tenant bound for row-level security; the system chain in the system scope.
 */
public final class TenancyAuditTenantScope implements AuditTenantScope {

	@Override
	public Optional<UUID> currentTenant() {
		return TenantScope.currentTenant();
	}

	@Override
	public <T extends @Nullable Object> T call(@Nullable UUID tenantId, Supplier<T> work) {
		if (tenantId == null) {
			// Appending a system event needs no tenant bound (the policy lets an unbound
			// transaction append tenant-less events); the system scope would log a
			// warning
			// per batch.
			if (TenantScope.currentTenant().isPresent()) {
				throw new IllegalStateException("System audit events are written without a tenant bound");
			}
			return work.get();
		}
		return TenantScope.call(tenantId, work);
	}

	@Override
	public <T extends @Nullable Object> T callAsSystem(String reason, Supplier<T> work) {
		return TenantScope.callAsSystem(reason, work);
	}

}
