package dev.foundation.tenancy;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.foundation.core.auth.UserIdentity;

/**
 * A user's role in a tenant.
 *
 * @param tenantId the tenant's id
 * @param user the member: issuer and subject (the principal's {@code identity()})
 * @param role the user's role in the tenant
 * @param createdAt when the user became a member
 */
public record Membership(UUID tenantId, UserIdentity user, TenantRole role, Instant createdAt) {

	public Membership {
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(user, "user");
		Objects.requireNonNull(role, "role");
		Objects.requireNonNull(createdAt, "createdAt");
	}

	/**
	 * Returns the member's id at their issuer.
	 * @return the subject
	 */
	public String userId() {
		return this.user.subject();
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
