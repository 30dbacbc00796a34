package dev.foundation.tenancy.resolution;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.Tenant;

/**
 * The second cache tier of {@link TenantResolutionCache}, shared by every instance of the
 * application (Redis, when it is configured): asked after an in-process miss, it answers
 * from its store or from the directory, and keeps what the directory found.
 * <p>
 * An implementation never fails because of its store: when the store fails or holds an
 * entry it cannot read, the lookup goes to the directory (whose failures do propagate).
 * Only found values are stored.
 */
public interface SharedTenantCache {

	/** A tier that holds nothing: every lookup goes to the directory. */
	SharedTenantCache NONE = new SharedTenantCache() {

		@Override
		public Optional<Tenant> tenant(TenantCandidate candidate, Supplier<Optional<Tenant>> directory) {
			return directory.get();
		}

		@Override
		public Optional<Membership> membership(UUID tenantId, UserIdentity user,
				Supplier<Optional<Membership>> directory) {
			return directory.get();
		}

	};

	/**
	 * Looks up a tenant here, else in the directory.
	 * @param candidate how the tenant is named
	 * @param directory the lookup in the directory
	 * @return the tenant, or empty if the directory has none
	 */
	Optional<Tenant> tenant(TenantCandidate candidate, Supplier<Optional<Tenant>> directory);

	/**
	 * Looks up a membership here, else in the directory.
	 * @param tenantId the tenant's id
	 * @param user the user
	 * @param directory the lookup in the directory
	 * @return the membership, or empty if the directory has none
	 */
	Optional<Membership> membership(UUID tenantId, UserIdentity user, Supplier<Optional<Membership>> directory);

	/**
	 * Drops a changed tenant, however it was named, and tells the other instances to drop
	 * their in-process copies.
	 * @param tenantId the tenant's id
	 */
	default void invalidateTenant(UUID tenantId) {
	}

	/**
	 * Drops a changed membership and tells the other instances to drop their in-process
	 * copies.
	 * @param tenantId the tenant's id
	 * @param user the user
	 */
	default void invalidateMembership(UUID tenantId, UserIdentity user) {
	}

}
