package dev.foundation.tenancy;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A user's role in a tenant.
 *
 * @param tenantId the tenant's id
 * @param userId the user's id as given by the identity provider (the principal's {@code userId})
 * @param role the user's role in the tenant
 * @param createdAt when the user became a member
 */
public record Membership(UUID tenantId, String userId, TenantRole role, Instant createdAt) {

	public Membership {
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(userId, "userId");
		Objects.requireNonNull(role, "role");
		Objects.requireNonNull(createdAt, "createdAt");
	}

	/**
	 * Whether this membership grants at least the given role.
	 * @param required the role required
	 * @return {@code true} if the member's role includes it
	 */
	public boolean grants(TenantRole required) {
		return this.role.includes(required);
	}

}
