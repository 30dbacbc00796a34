package dev.foundation.tenancy.resolution;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.Tenant;

/**
 * The tenants and memberships {@link TenantResolution} found: an in-process tier with a
 * short time to live in front of an optional {@link SharedTenantCache} (Redis) in front
 * of the directory.
 * <p>
 * Absent values are cached in neither tier, so requests naming random tenants cannot fill
 * the caches and a tenant or membership created a moment ago is seen at once. Changes
 * made through the {@link dev.foundation.tenancy.TenantDirectory} reach the cache through
 * {@link #invalidateTenant} and {@link #invalidateMembership} (wired to the directory's
 * listeners): the shared entries are dropped first, then the in-process ones, so no
 * request on this instance can copy the old shared value back in; other instances drop
 * theirs when the shared tier tells them ({@link #forgetTenant},
 * {@link #forgetMembership}).
 */
public final class TenantResolutionCache {

	private final ExpiringCache<TenantCandidate, Tenant> tenants;

	private final ExpiringCache<MemberKey, Membership> memberships;

	private final SharedTenantCache shared;

	/**
	 * Creates the cache.
	 * @param ttl how long an in-process entry is reused; zero turns the in-process tier
	 * off
	 * @param clock the clock of the in-process tier
	 * @param shared the shared tier, {@link SharedTenantCache#NONE} for none
	 */
	public TenantResolutionCache(Duration ttl, Clock clock, SharedTenantCache shared) {
		this.tenants = new ExpiringCache<>(ttl, clock);
		this.memberships = new ExpiringCache<>(ttl, clock);
		this.shared = shared;
	}

	Optional<Tenant> tenant(TenantCandidate candidate, Function<TenantCandidate, Optional<Tenant>> directory) {
		return this.tenants.get(candidate, (key) -> this.shared.tenant(key, () -> directory.apply(key)));
	}

	/**
	 * Keeps a tenant just provisioned here; other instances find it in the directory the
	 * first time.
	 */
	void putTenant(TenantCandidate candidate, Tenant tenant) {
		this.tenants.put(candidate, tenant);
	}

	Optional<Membership> membership(UUID tenantId, UserIdentity user,
			Function<MemberKey, Optional<Membership>> directory) {
		return this.memberships.get(new MemberKey(tenantId, user),
				(key) -> this.shared.membership(key.tenantId(), key.user(), () -> directory.apply(key)));
	}

	/**
	 * Drops a changed tenant here, in the shared tier and, through it, on the other
	 * instances.
	 * @param tenantId the tenant's id
	 */
	public void invalidateTenant(UUID tenantId) {
		this.shared.invalidateTenant(tenantId);
		forgetTenant(tenantId);
	}

	/**
	 * Drops a changed membership here, in the shared tier and, through it, on the other
	 * instances.
	 * @param tenantId the tenant's id
	 * @param user the user
	 */
	public void invalidateMembership(UUID tenantId, UserIdentity user) {
		this.shared.invalidateMembership(tenantId, user);
		forgetMembership(tenantId, user);
	}

	/**
	 * Drops this instance's in-process copies of a tenant, however it was named; what
	 * another instance's change does here.
	 * @param tenantId the tenant's id
	 */
	public void forgetTenant(UUID tenantId) {
		this.tenants.invalidateIf((candidate, tenant) -> tenant.id().equals(tenantId));
	}

	/**
	 * Drops this instance's in-process copy of a membership; what another instance's
	 * change does here.
	 * @param tenantId the tenant's id
	 * @param user the user
	 */
	public void forgetMembership(UUID tenantId, UserIdentity user) {
		this.memberships.invalidate(new MemberKey(tenantId, user));
	}

	/**
	 * Drops every in-process entry of this instance; the shared tier keeps its entries
	 * until they expire.
	 */
	public void clear() {
		this.tenants.clear();
		this.memberships.clear();
	}

	record MemberKey(UUID tenantId, UserIdentity user) {
	}

}
