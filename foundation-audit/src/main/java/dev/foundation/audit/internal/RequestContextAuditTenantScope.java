package dev.foundation.audit.internal;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.foundation.audit.AuditTenantScope;
import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import org.jspecify.annotations.Nullable;

/**
 * The tenant scope without {@code foundation-tenancy}: the tenant is the request
 * context's, and nothing is bound in the database (there is no row-level security to
 * satisfy).
 */
public final class RequestContextAuditTenantScope implements AuditTenantScope {

	@Override
	public Optional<UUID> currentTenant() {
		return RequestContexts.find().map(RequestContext::tenantId).flatMap((id) -> {
			try {
				return Optional.of(UUID.fromString(id));
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
		});
	}

	@Override
	public <T extends @Nullable Object> T call(@Nullable UUID tenantId, Supplier<T> work) {
		return work.get();
	}

	@Override
	public <T extends @Nullable Object> T callAsSystem(String reason, Supplier<T> work) {
		return work.get();
	}

}
