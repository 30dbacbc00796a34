package dev.foundation.tenancy.resolution;

import java.util.Optional;

import dev.foundation.core.auth.FoundationPrincipal;

import org.springframework.core.Ordered;

/**
 * Names the tenant of the token: the principal's {@code tenantId} (Clerk's active
 * organization, a Supabase {@code app_metadata} claim, a custom issuer's configured
 * claim). A UUID names the tenant by id; anything else is the provider's organization id,
 * linked to a tenant with {@code TenantDirectory.linkExternalId} or by provisioning.
 */
public final class ClaimTenantResolver implements TenantResolver, Ordered {

	/** The order of this resolver unless configured otherwise. */
	public static final int DEFAULT_ORDER = 100;

	private final int order;

	/**
	 * Creates the resolver with the {@linkplain #DEFAULT_ORDER default order}.
	 */
	public ClaimTenantResolver() {
		this(DEFAULT_ORDER);
	}

	/**
	 * Creates the resolver.
	 * @param order where the resolver runs among the others
	 */
	public ClaimTenantResolver(int order) {
		this.order = order;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public Optional<TenantCandidate> resolve(TenantRequest request, FoundationPrincipal principal) {
		return candidateOf(principal);
	}

	/**
	 * Returns the tenant a token names, whether or not this resolver is configured.
	 * @param principal the caller
	 * @return the candidate, of source {@link TenantCandidate.Source#TOKEN}, or empty if
	 * the token names none
	 */
	static Optional<TenantCandidate> candidateOf(FoundationPrincipal principal) {
		String claim = principal.tenantId();
		if (claim == null || claim.isBlank()) {
			return Optional.empty();
		}
		return TenantNames.uuid(claim)
			.map(TenantCandidate::byId)
			.or(() -> Optional.of(TenantCandidate.byExternalId(principal.issuer(), claim)))
			.map(TenantCandidate::fromToken);
	}

}
