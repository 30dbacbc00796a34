package dev.foundation.tenancy.resolution;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.core.error.FoundationException;
import dev.foundation.core.error.ForbiddenException;
import dev.foundation.core.error.NotFoundException;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantDirectory;
import dev.foundation.tenancy.TenantRole;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the tenant of a request: the first {@link TenantResolver} that names one wins, then the tenant is looked up
 * (through the {@link TenantResolutionCache}) and the caller checked.
 * <p>
 * Refusals, as problem details: a tenant nobody knows → 404 {@code not-found}; a caller who is not a member → 403
 * {@code forbidden} (for a tenant named by the header, logged at {@code WARN} with the user and the tenant); a
 * suspended tenant → 403; a header naming another tenant than the token's → 403; no tenant on a path that needs one →
 * 400 {@code tenant-required}. With provisioning on, a token organization without a tenant gets one first.
 */
public final class TenantResolution {

	private static final Logger logger = LoggerFactory.getLogger(TenantResolution.class);

	private final List<TenantResolver> resolvers;

	private final TenantDirectory directory;

	private final TenantRequiredPaths requiredPaths;

	private final boolean provisioning;

	private final TenantResolutionCache cache;

	private final @Nullable ClaimTenantResolver claim;

	private final @Nullable HeaderTenantResolver header;

	/**
	 * Creates the resolution.
	 * @param resolvers the resolvers, in order
	 * @param directory where tenants and memberships are looked up
	 * @param requiredPaths which paths need a tenant
	 * @param provisioning whether a token organization without a tenant provisions one
	 * @param cacheTtl how long found tenants and memberships are reused; zero turns caching off
	 * @param clock the clock of the cache
	 */
	public TenantResolution(List<? extends TenantResolver> resolvers, TenantDirectory directory,
			TenantRequiredPaths requiredPaths, boolean provisioning, Duration cacheTtl, Clock clock) {
		this(resolvers, directory, requiredPaths, provisioning,
				new TenantResolutionCache(cacheTtl, clock, SharedTenantCache.NONE));
	}

	/**
	 * Creates the resolution.
	 * @param resolvers the resolvers, in order
	 * @param directory where tenants and memberships are looked up
	 * @param requiredPaths which paths need a tenant
	 * @param provisioning whether a token organization without a tenant provisions one
	 * @param cache where found tenants and memberships are kept
	 */
	public TenantResolution(List<? extends TenantResolver> resolvers, TenantDirectory directory,
			TenantRequiredPaths requiredPaths, boolean provisioning, TenantResolutionCache cache) {
		this.resolvers = List.copyOf(resolvers);
		this.directory = directory;
		this.requiredPaths = requiredPaths;
		this.provisioning = provisioning;
		this.cache = cache;
		// Looked up once: the claim-vs-header rule needs both on every request that names a tenant.
		this.claim = find(this.resolvers, ClaimTenantResolver.class);
		this.header = find(this.resolvers, HeaderTenantResolver.class);
	}

	/**
	 * Whether a request path needs a tenant.
	 * @param path the path within the application
	 * @return {@code true} if it does
	 */
	public boolean requiresTenant(String path) {
		return this.requiredPaths.requiresTenant(path);
	}

	/**
	 * Resolves the tenant of a request and checks that the caller may act in it.
	 * @param request the request
	 * @param principal the authenticated caller
	 * @return the tenant and the caller's membership, or empty if no resolver named a tenant and the path does not
	 * need one
	 * @throws FoundationException when the tenant is refused (see the class description)
	 */
	public Optional<ResolvedTenant> resolve(TenantRequest request, FoundationPrincipal principal) {
		Named named = firstNamed(request, principal);
		if (named == null) {
			if (requiresTenant(request.path())) {
				throw new TenantRequiredException("This request needs a tenant: use a token of an organization, "
						+ "or name one in the tenant header");
			}
			return Optional.empty();
		}
		Tenant tenant = lookUp(named, principal);
		checkHeaderAgreesWithToken(named, tenant, request, principal);
		Membership membership = membershipOf(tenant, named, principal);
		if (!tenant.isActive()) {
			throw new ForbiddenException("This tenant is suspended");
		}
		return Optional.of(new ResolvedTenant(tenant, membership));
	}

	/**
	 * Forgets every tenant and membership cached in this instance's memory, e.g. after changing the tables by other
	 * means than the {@link TenantDirectory} (whose changes are invalidated already).
	 */
	public void clearCache() {
		this.cache.clear();
	}

	private @Nullable Named firstNamed(TenantRequest request, FoundationPrincipal principal) {
		for (TenantResolver resolver : this.resolvers) {
			Optional<TenantCandidate> candidate = resolver.resolve(request, principal);
			if (candidate.isPresent()) {
				return new Named(candidate.get(), resolver);
			}
		}
		return null;
	}

	private Tenant lookUp(Named named, FoundationPrincipal principal) {
		Optional<Tenant> tenant = this.cache.tenant(named.candidate(), this::find);
		if (tenant.isEmpty() && this.provisioning && named.resolver() instanceof ClaimTenantResolver
				&& named.candidate().kind() == TenantCandidate.Kind.EXTERNAL_ID) {
			Tenant provisioned = provision(named.candidate(), principal);
			this.cache.putTenant(named.candidate(), provisioned);
			return provisioned;
		}
		// The value is not echoed: it may be client input.
		return tenant.orElseThrow(() -> new NotFoundException("No tenant is known by the " + describe(named)));
	}

	private Optional<Tenant> find(TenantCandidate candidate) {
		return switch (candidate.kind()) {
			case ID -> this.directory.find(UUID.fromString(candidate.value()));
			case SLUG -> this.directory.findBySlug(candidate.value());
			case EXTERNAL_ID -> this.directory.findByExternalId(providerOf(candidate), candidate.value());
		};
	}

	private Tenant provision(TenantCandidate candidate, FoundationPrincipal principal) {
		String slugHint = organizationSlug(principal.claims());
		String name = (slugHint != null) ? slugHint : candidate.value();
		TenantRole role = TenantRole.highestOf(principal.roles()).orElse(TenantRole.MEMBER);
		Tenant tenant = this.directory.provision(providerOf(candidate), candidate.value(), slugHint, name,
				principal.userId(), role);
		logger.info("Tenant {} provisioned (or joined) for organization {} of {} by user {} as {}", tenant.id(),
				candidate.value(), candidate.provider(), principal.userId(), role.value());
		return tenant;
	}

	private static AuthProvider providerOf(TenantCandidate candidate) {
		AuthProvider provider = candidate.provider();
		if (provider == null) {
			throw new IllegalStateException("External id candidate without provider");
		}
		return provider;
	}

	// Clerk's organization slug: session token v2 {"o": {"slg": …}}, v1 "org_slug".
	private static @Nullable String organizationSlug(Map<String, Object> claims) {
		if (claims.get("o") instanceof Map<?, ?> organization && organization.get("slg") instanceof String slug
				&& !slug.isBlank()) {
			return slug;
		}
		return (claims.get("org_slug") instanceof String slug && !slug.isBlank()) ? slug : null;
	}

	// The documented rule: when the token names a tenant, the header may only repeat it.
	private void checkHeaderAgreesWithToken(Named named, Tenant tenant, TenantRequest request,
			FoundationPrincipal principal) {
		ClaimTenantResolver claim = this.claim;
		HeaderTenantResolver header = this.header;
		if (claim == null || header == null) {
			return;
		}
		Named fromClaim = (named.resolver() == claim) ? named
				: claim.resolve(request, principal).map((candidate) -> new Named(candidate, claim)).orElse(null);
		Named fromHeader = (named.resolver() == header) ? named
				: header.resolve(request, principal).map((candidate) -> new Named(candidate, header)).orElse(null);
		if (fromClaim == null || fromHeader == null || fromClaim.candidate().equals(fromHeader.candidate())) {
			return;
		}
		Named other = (named == fromClaim) ? fromHeader : fromClaim;
		UUID otherId = this.cache.tenant(other.candidate(), this::find).map(Tenant::id).orElse(null);
		if (!tenant.id().equals(otherId)) {
			logger.warn("Refused {} of user {}: it names another tenant ({}) than the token ({})",
					header.headerName(), principal.userId(), fromHeader.candidate().value(),
					fromClaim.candidate().value());
			throw new ForbiddenException(
					"The " + header.headerName() + " header names another tenant than the token's organization");
		}
	}

	private Membership membershipOf(Tenant tenant, Named named, FoundationPrincipal principal) {
		if (principal.provider() == AuthProvider.API_KEY && named.resolver() instanceof ClaimTenantResolver) {
			// An API key is issued for one tenant and its roles: the key itself is the membership. Decided before any
			// lookup, since no membership row can exist for a key and misses are not cached.
			return new Membership(tenant.id(), principal.userId(),
					TenantRole.highestOf(principal.roles()).orElse(TenantRole.VIEWER), tenant.createdAt());
		}
		Optional<Membership> membership = this.cache.membership(tenant.id(), principal.userId(),
				(key) -> this.directory.membership(key.tenantId(), key.userId()));
		if (membership.isPresent()) {
			return membership.get();
		}
		if (named.resolver() instanceof HeaderTenantResolver header) {
			logger.warn("Refused {} of user {}: not a member of tenant {} (requested '{}')", header.headerName(),
					principal.userId(), tenant.id(), named.candidate().value());
		}
		else {
			logger.debug("Refused tenant {} to user {}: not a member", tenant.id(), principal.userId());
		}
		throw new ForbiddenException("You are not a member of this tenant");
	}

	private static <T extends TenantResolver> @Nullable T find(List<TenantResolver> resolvers, Class<T> type) {
		for (TenantResolver resolver : resolvers) {
			if (type.isInstance(resolver)) {
				return type.cast(resolver);
			}
		}
		return null;
	}

	private static String describe(Named named) {
		String source = (named.resolver() instanceof HeaderTenantResolver header) ? header.headerName() + " header"
				: (named.resolver() instanceof ClaimTenantResolver) ? "token's organization" : "request";
		return switch (named.candidate().kind()) {
			case ID -> "id of the " + source;
			case SLUG -> "slug of the " + source;
			case EXTERNAL_ID -> source;
		};
	}

	private record Named(TenantCandidate candidate, TenantResolver resolver) {
	}

}
