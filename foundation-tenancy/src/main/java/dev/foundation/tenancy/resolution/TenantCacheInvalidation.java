package dev.foundation.tenancy.resolution;

import java.util.function.Supplier;

import dev.foundation.tenancy.MembershipChange;
import dev.foundation.tenancy.MembershipListener;
import dev.foundation.tenancy.TenantChange;
import dev.foundation.tenancy.TenantListener;
import org.jspecify.annotations.Nullable;

/**
 * Drops what a committed change made stale from the {@link TenantResolutionCache} (here,
 * in Redis and on the other instances). Registered first among the listeners: dropping a
 * stale permission should not wait for slower ones, e.g. auditing.
 */
public final class TenantCacheInvalidation implements MembershipListener, TenantListener {

	private final Supplier<@Nullable TenantResolutionCache> cache;

	/**
	 * Creates the invalidation.
	 * @param cache the cache, looked up at each change (so the listener can be created
	 * before it)
	 */
	public TenantCacheInvalidation(Supplier<@Nullable TenantResolutionCache> cache) {
		this.cache = cache;
	}

	@Override
	public void onChange(MembershipChange change) {
		// A new member has no stale entry: absent memberships are never cached.
		TenantResolutionCache cache = this.cache.get();
		if (change.oldRole() != null && cache != null) {
			cache.invalidateMembership(change.tenantId(), change.user());
		}
	}

	@Override
	public void onChange(TenantChange change) {
		// Only a status change makes a cached tenant stale: absent values are never
		// cached, so neither a new tenant
		// nor a newly linked external id can have been cached wrongly.
		TenantResolutionCache cache = this.cache.get();
		if ((change.kind() == TenantChange.Kind.SUSPENDED || change.kind() == TenantChange.Kind.ACTIVATED
				|| change.kind() == TenantChange.Kind.ERASED) && cache != null) {
			cache.invalidateTenant(change.tenantId());
		}
	}

}
