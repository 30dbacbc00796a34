package dev.foundation.tenancy.persistence;

import java.util.UUID;

import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Gives Hibernate the {@linkplain TenantScope current tenant} for the {@code @TenantId}
 * of {@link TenantOwnedEntity}, read when a session opens (for a transactional entity
 * manager: when the transaction begins).
 * <p>
 * Without a tenant it answers {@link #NO_TENANT}, the nil UUID, which no tenant has, so
 * queries find nothing rather than everything. In the system scope it answers
 * {@link #SYSTEM}, which {@link #isRoot(UUID)} declares Hibernate's root tenant: no
 * tenant restriction.
 */
public final class TenantScopeIdentifierResolver implements CurrentTenantIdentifierResolver<UUID> {

	/**
	 * The identifier used when no tenant is current: the nil UUID, never a tenant's id.
	 */
	public static final UUID NO_TENANT = new UUID(0L, 0L);

	/** The identifier of the system scope: the max UUID, never a tenant's id. */
	public static final UUID SYSTEM = new UUID(-1L, -1L);

	@Override
	public UUID resolveCurrentTenantIdentifier() {
		if (TenantScope.isSystem()) {
			return SYSTEM;
		}
		return TenantScope.currentTenant().orElse(NO_TENANT);
	}

	@Override
	public boolean validateExistingCurrentSessions() {
		// Spring binds sessions to transactions, not Hibernate's current-session
		// contexts.
		return false;
	}

	@Override
	public boolean isRoot(UUID tenantId) {
		return SYSTEM.equals(tenantId);
	}

}
