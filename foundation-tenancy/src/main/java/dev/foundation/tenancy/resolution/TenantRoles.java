package dev.foundation.tenancy.resolution;

import dev.foundation.tenancy.TenantRole;

/**
 * The caller's role in the current request's tenant, for Spring Security expressions:
 * registered as the bean {@code tenantRoles}, so
 * {@code @PreAuthorize("@tenantRoles.has('admin')")} admits owners and admins of the
 * tenant. Without a resolved tenant every check is {@code false}.
 */
public class TenantRoles {

	/**
	 * Whether the caller's role in the current tenant includes a role.
	 * @param role {@code owner}, {@code admin}, {@code member} or {@code viewer} (any
	 * case, {@code org:} prefix allowed)
	 * @return {@code true} if the caller holds the role or a higher one
	 * @throws IllegalArgumentException if the string names no role, so a typo in an
	 * expression fails loudly rather than denying (or allowing) quietly
	 */
	public boolean has(String role) {
		TenantRole required = TenantRole.parse(role)
			.orElseThrow(() -> new IllegalArgumentException(
					"'" + role + "' is not a tenant role: use owner, admin, " + "member or viewer"));
		return has(required);
	}

	/**
	 * Whether the caller's role in the current tenant includes a role.
	 * @param role the role required
	 * @return {@code true} if the caller holds the role or a higher one
	 */
	public boolean has(TenantRole role) {
		return CurrentTenant.membership().map((membership) -> membership.grants(role)).orElse(false);
	}

}
