package dev.foundation.tenancy.resolution;

import java.util.Objects;

import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.Tenant;

/**
 * The tenant a request is for and the caller's membership in it.
 *
 * @param tenant the active tenant
 * @param membership the caller's membership
 */
public record ResolvedTenant(Tenant tenant, Membership membership) {

	public ResolvedTenant {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(membership, "membership");
	}

}
