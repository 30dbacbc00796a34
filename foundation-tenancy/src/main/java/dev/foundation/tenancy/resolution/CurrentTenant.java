package dev.foundation.tenancy.resolution;

import java.util.Optional;

import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.Tenant;
import org.jspecify.annotations.Nullable;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The tenant resolved for the current request and the caller's membership in it, kept as
 * request attributes. Outside a request, or when no tenant was resolved, both are empty;
 * background work names its tenant with {@code TenantScope.run(tenantId, …)} instead.
 */
public final class CurrentTenant {

	/** The request attribute holding the resolved {@link Tenant}. */
	public static final String TENANT_ATTRIBUTE = CurrentTenant.class.getName() + ".tenant";

	/**
	 * The request attribute holding the caller's {@link Membership} in the resolved
	 * tenant.
	 */
	public static final String MEMBERSHIP_ATTRIBUTE = CurrentTenant.class.getName() + ".membership";

	private CurrentTenant() {
	}

	/**
	 * Returns the tenant resolved for the current request.
	 * @return the tenant, or empty outside a request or if none was resolved
	 */
	public static Optional<Tenant> find() {
		return Optional.ofNullable(attribute(TENANT_ATTRIBUTE, Tenant.class));
	}

	/**
	 * Returns the caller's membership in the tenant resolved for the current request.
	 * @return the membership, or empty outside a request or if no tenant was resolved
	 */
	public static Optional<Membership> membership() {
		return Optional.ofNullable(attribute(MEMBERSHIP_ATTRIBUTE, Membership.class));
	}

	/**
	 * Returns the tenant resolved for the current request.
	 * @return the tenant
	 * @throws TenantRequiredException if none was resolved
	 */
	public static Tenant require() {
		return find().orElseThrow(() -> new TenantRequiredException(
				"This request needs a tenant: use a token of an organization, or name one in the tenant header"));
	}

	private static <T> @Nullable T attribute(String name, Class<T> type) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes == null) {
			return null;
		}
		Object value = attributes.getAttribute(name, RequestAttributes.SCOPE_REQUEST);
		return type.isInstance(value) ? type.cast(value) : null;
	}

}
