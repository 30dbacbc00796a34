package dev.foundation.tenancy.resolution;

import java.util.Optional;

import dev.foundation.core.auth.FoundationPrincipal;

/**
 * Names the tenant a request is for. Resolvers only <em>name</em> a tenant: looking it
 * up, refusing unknown or suspended tenants and checking the caller's membership is
 * {@link TenantResolution}'s job, whatever resolver named it, so an application resolver
 * cannot weaken those checks.
 * <p>
 * Declare a bean of this type to add one; resolvers run in
 * {@link org.springframework.core.annotation.Order} (the built-in ones: token claim 100,
 * header 200, subdomain 300) and the first that names a tenant wins.
 */
@FunctionalInterface
public interface TenantResolver {

	/**
	 * Names the tenant of a request.
	 * @param request the request
	 * @param principal the authenticated caller
	 * @return the tenant named, or empty if this resolver cannot tell
	 */
	Optional<TenantCandidate> resolve(TenantRequest request, FoundationPrincipal principal);

}
