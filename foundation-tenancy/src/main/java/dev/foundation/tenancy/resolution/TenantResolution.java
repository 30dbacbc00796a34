package dev.foundation.tenancy.resolution;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.core.error.BadRequestException;
import dev.foundation.core.error.FoundationException;
import dev.foundation.core.error.ForbiddenException;
import dev.foundation.core.error.NotFoundException;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantDirectory;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.tenancy.resolution.TenantResolutionEvents.Outcome;
import dev.foundation.tenancy.resolution.TenantResolutionEvents.Source;
import dev.foundation.tenancy.TenantStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the tenant of a request: the first {@link TenantResolver} that names one wins,
 * then the tenant is looked up (through the {@link TenantResolutionCache}) and the caller
 * checked.
 * <p>
 * Refusals, as problem details: a tenant nobody knows → 404 {@code not-found}; a caller
 * who is not a member → 403 {@code forbidden} (for a tenant named by the header, logged
 * at {@code WARN} with the user and the tenant); a suspended tenant → 403; a header
 * naming another tenant than the token's → 403; no tenant on a path that needs one → 400
 * {@code tenant-required}. With provisioning on, a token organization without a tenant
 * gets one first.
 */
public final class TenantResolution {

	private static final Logger logger = LoggerFactory.getLogger(TenantResolution.class);

	private final List<TenantResolver> resolvers;

	private final TenantDirectory directory;

	private final TenantRequiredPaths requiredPaths;

	private final boolean provisioning;

	private final TenantResolutionCache cache;

	private final String headerName;

	private final TenantResolutionEvents events;

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
		this(resolvers, directory, requiredPaths, provisioning, cache, TenantResolutionEvents.NONE);
	}

	/**
	 * Creates the resolution.
	 * @param resolvers the resolvers, in order
	 * @param directory where tenants and memberships are looked up
	 * @param requiredPaths which paths need a tenant
	 * @param provisioning whether a token organization without a tenant provisions one
	 * @param cache where found tenants and memberships are kept
	 * @param events told of each resolution's outcome
	 */
	public TenantResolution(List<? extends TenantResolver> resolvers, TenantDirectory directory,
			TenantRequiredPaths requiredPaths, boolean provisioning, TenantResolutionCache cache,
			TenantResolutionEvents events) {
		this.events = events;
		this.resolvers = List.copyOf(resolvers);
		this.directory = directory;
		this.requiredPaths = requiredPaths;
		this.provisioning = provisioning;
		this.cache = cache;
		HeaderTenantResolver header = find(this.resolvers, HeaderTenantResolver.class);
		this.headerName = (header != null) ? header.headerName() : "tenant";
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
	 * @return the tenant and the caller's membership, or empty if no resolver named a
	 * tenant and the path does not need one
	 * @throws FoundationException when the tenant is refused (see the class description)
	 */
	public Optional<ResolvedTenant> resolve(TenantRequest request, FoundationPrincipal principal) {
		Named first = firstNamed(request, principal);
		if (first == null) {
			if (requiresTenant(request.path())) {
				this.events.resolved(Source.NONE, Outcome.REQUIRED);
				throw new TenantRequiredException("This request needs a tenant: use a token of an organization, "
						+ "or name one in the tenant header");
			}
			this.events.resolved(Source.NONE, Outcome.NONE);
			return Optional.empty();
		}
		ResolvedTenant resolved;
		try {
			resolved = resolveNamed(request, principal, first.candidate());
		}
		catch (RuntimeException ex) {
			this.events.resolved(first.source(), outcomeOf(ex));
			throw ex;
		}
		this.events.resolved(first.source(), Outcome.RESOLVED);
		return Optional.of(resolved);
	}

	private static Outcome outcomeOf(RuntimeException ex) {
		if (ex instanceof Refusal refusal) {
			return refusal.outcome;
		}
		if (ex instanceof NotFoundException) {
			return Outcome.UNKNOWN;
		}
		if (ex instanceof BadRequestException) {
			return Outcome.INVALID;
		}
		return Outcome.ERROR;
	}

	private ResolvedTenant resolveNamed(TenantRequest request, FoundationPrincipal principal, TenantCandidate named) {
		Tenant tenant = lookUp(named, principal);
		boolean tokensTenant = checkTokenAgrees(named, tenant, principal);
		if (tokensTenant) {
			checkOthersAgree(request, principal, named, tenant);
		}
		Membership membership = membershipOf(tenant, named, tokensTenant, principal);
		if (!tenant.isActive()) {
			throw (tenant.status() == TenantStatus.ERASED) ? new Refusal(Outcome.ERASED, "This tenant was erased")
					: new Refusal(Outcome.SUSPENDED, "This tenant is suspended");
		}
		return new ResolvedTenant(tenant, membership);
	}

	/**
	 * Forgets every tenant and membership cached in this instance's memory (and its
	 * copies of the cache's namespace versions), e.g. after changing the tables by other
	 * means than the {@link TenantDirectory} (whose changes are invalidated already).
	 */
	public void clearCache() {
		this.cache.clear();
	}

	private @Nullable Named firstNamed(TenantRequest request, FoundationPrincipal principal) {
		for (TenantResolver resolver : this.resolvers) {
			Optional<TenantCandidate> candidate;
			try {
				candidate = resolver.resolve(request, principal);
			}
			catch (RuntimeException ex) {
				this.events.resolved(Source.of(resolver), outcomeOf(ex));
				throw ex;
			}
			if (candidate.isPresent()) {
				return new Named(Source.of(resolver), candidate.get());
			}
		}
		return null;
	}

	private Tenant lookUp(TenantCandidate named, FoundationPrincipal principal) {
		Optional<Tenant> tenant = this.cache.tenant(named, this::find);
		// Only the caller's own token provisions, and only an organization of the
		// caller's own issuer.
		if (tenant.isEmpty() && this.provisioning && named.source() == TenantCandidate.Source.TOKEN
				&& named.kind() == TenantCandidate.Kind.EXTERNAL_ID && principal.issuer().equals(named.issuer())
				&& principal.provider() != AuthProvider.API_KEY) {
			Tenant provisioned = provision(named, principal);
			this.cache.putTenant(named, provisioned);
			return provisioned;
		}
		// The value is not echoed: it may be client input.
		return tenant.orElseThrow(() -> new NotFoundException("No tenant is known by the " + describe(named)));
	}

	private Optional<Tenant> find(TenantCandidate candidate) {
		return switch (candidate.kind()) {
			case ID -> this.directory.find(UUID.fromString(candidate.value()));
			case SLUG -> this.directory.findBySlug(candidate.value());
			case EXTERNAL_ID -> this.directory.findByExternalId(issuerOf(candidate), candidate.value());
		};
	}

	private Tenant provision(TenantCandidate candidate, FoundationPrincipal principal) {
		String slugHint = organizationSlug(principal.claims());
		String name = (slugHint != null) ? slugHint : candidate.value();
		TenantRole role = TenantRole.highestOf(principal.roles()).orElse(TenantRole.MEMBER);
		Tenant tenant = this.directory.provision(issuerOf(candidate), candidate.value(), slugHint, name,
				principal.identity(), role);
		logger.info("Tenant {} provisioned (or joined) for organization {} of {} by user {} as {}", tenant.id(),
				candidate.value(), candidate.issuer(), principal.userId(), role.value());
		return tenant;
	}

	private static String issuerOf(TenantCandidate candidate) {
		String issuer = candidate.issuer();
		if (issuer == null) {
			throw new IllegalStateException("External id candidate without issuer");
		}
		return issuer;
	}

	// Clerk's organization slug: session token v2 {"o": {"slg": …}}, v1 "org_slug".
	private static @Nullable String organizationSlug(Map<String, Object> claims) {
		if (claims.get("o") instanceof Map<?, ?> organization && organization.get("slg") instanceof String slug
				&& !slug.isBlank()) {
			return slug;
		}
		return (claims.get("org_slug") instanceof String slug && !slug.isBlank()) ? slug : null;
	}

	/**
	 * The rule: a token that names a tenant acts in that tenant only, whichever resolver
	 * named the request's tenant (the header, a subdomain, an application's resolver).
	 * Otherwise the token's roles (an {@code admin} of tenant A) would apply in a tenant
	 * where the user holds another role.
	 * @return whether the tenant is the one the token names
	 */
	private boolean checkTokenAgrees(TenantCandidate named, Tenant tenant, FoundationPrincipal principal) {
		TenantCandidate token = ClaimTenantResolver.candidateOf(principal).orElse(null);
		if (token == null) {
			return false;
		}
		UUID tokensTenant = named.equals(token) ? tenant.id()
				: this.cache.tenant(token, this::find).map(Tenant::id).orElse(null);
		if (tenant.id().equals(tokensTenant)) {
			return true;
		}
		logger.warn("Refused tenant {} named by the {} to user {}: the token names another tenant ({})", tenant.id(),
				describeSource(named), principal.identity(), token.value());
		throw new Refusal(Outcome.TOKEN_MISMATCH,
				(named.source() == TenantCandidate.Source.HEADER)
						? "The " + this.headerName + " header names another tenant than the token's organization"
						: "This request is for another tenant than the token's organization");
	}

	/**
	 * With a token that names the tenant, every other resolver may only repeat it: a
	 * header (or a subdomain, or an application's resolver) naming another tenant is
	 * refused rather than ignored, so a client learns at once that it is not acting where
	 * it meant to.
	 */
	private void checkOthersAgree(TenantRequest request, FoundationPrincipal principal, TenantCandidate named,
			Tenant tenant) {
		for (TenantResolver resolver : this.resolvers) {
			Optional<TenantCandidate> other = resolver.resolve(request, principal);
			if (other.isEmpty() || other.get().equals(named)) {
				continue;
			}
			UUID otherId = this.cache.tenant(other.get(), this::find).map(Tenant::id).orElse(null);
			if (!tenant.id().equals(otherId)) {
				logger.warn("Refused tenant {} named by the {} to user {}: the token names another tenant ({})",
						other.get().value(), describeSource(other.get()), principal.identity(), named.value());
				throw new Refusal(Outcome.TOKEN_MISMATCH,
						(other.get().source() == TenantCandidate.Source.HEADER)
								? "The " + this.headerName
										+ " header names another tenant than the token's organization"
								: "This request is for another tenant than the token's organization");
			}
		}
	}

	private Membership membershipOf(Tenant tenant, TenantCandidate named, boolean tokensTenant,
			FoundationPrincipal principal) {
		if (principal.provider() == AuthProvider.API_KEY) {
			// An API key is issued for one tenant and its roles: the key itself is the
			// membership, in that tenant
			// and no other. Decided before any lookup, since no membership row can exist
			// for a key.
			if (!tokensTenant) {
				throw new Refusal(Outcome.API_KEY_MISMATCH, "This API key is not bound to this tenant");
			}
			return new Membership(tenant.id(), principal.identity(),
					TenantRole.highestOf(principal.roles()).orElse(TenantRole.VIEWER), tenant.createdAt());
		}
		Optional<Membership> membership = this.cache.membership(tenant.id(), principal.identity(),
				(key) -> this.directory.membership(key.tenantId(), key.user()));
		if (membership.isPresent()) {
			return membership.get();
		}
		if (named.source() == TenantCandidate.Source.HEADER) {
			logger.warn("Refused {} of user {}: not a member of tenant {} (requested '{}')", this.headerName,
					principal.identity(), tenant.id(), named.value());
		}
		else {
			logger.debug("Refused tenant {} to user {}: not a member", tenant.id(), principal.identity());
		}
		throw new Refusal(Outcome.NOT_A_MEMBER, "You are not a member of this tenant");
	}

	private static <T extends TenantResolver> @Nullable T find(List<TenantResolver> resolvers, Class<T> type) {
		for (TenantResolver resolver : resolvers) {
			if (type.isInstance(resolver)) {
				return type.cast(resolver);
			}
		}
		return null;
	}

	private String describeSource(TenantCandidate named) {
		return switch (named.source()) {
			case HEADER -> this.headerName + " header";
			case TOKEN -> "token's organization";
			case REQUEST -> "request";
		};
	}

	private String describe(TenantCandidate named) {
		String source = describeSource(named);
		return switch (named.kind()) {
			case ID -> "id of the " + source;
			case SLUG -> "slug of the " + source;
			case EXTERNAL_ID -> source;
		};
	}

	/** The resolver kind and the tenant it named. */
	private record Named(Source source, TenantCandidate candidate) {
	}

	/** A refusal (403, as any {@link ForbiddenException}) that knows its outcome. */
	private static final class Refusal extends ForbiddenException {

		private final Outcome outcome;

		Refusal(Outcome outcome, String detail) {
			super(detail);
			this.outcome = outcome;
		}

	}

}
