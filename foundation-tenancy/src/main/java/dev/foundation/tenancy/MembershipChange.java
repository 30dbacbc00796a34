package dev.foundation.tenancy;

import java.util.Objects;
import java.util.UUID;

import dev.foundation.core.auth.UserIdentity;
import org.jspecify.annotations.Nullable;

/**
 * A committed change of a user's membership in a tenant: granted ({@code oldRole} is
 * {@code null}), changed, or revoked ({@code newRole} is {@code null}).
 *
 * @param tenantId the tenant's id
 * @param user the user whose membership changed
 * @param oldRole the role before the change, {@code null} if the user was not a member
 * @param newRole the role after the change, {@code null} if the membership was revoked
 * @param actorUserId who made the change: the user id of the {@code RequestContext} bound
 * when the change was made, {@code null} for work outside a request (e.g. a job) or
 * before authentication
 */
public record MembershipChange(UUID tenantId, UserIdentity user, @Nullable TenantRole oldRole,
		@Nullable TenantRole newRole, @Nullable String actorUserId) {

	public MembershipChange {
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(user, "user");
		if (oldRole == null && newRole == null) {
			throw new IllegalArgumentException("A membership change needs an old or a new role");
		}
	}

}
