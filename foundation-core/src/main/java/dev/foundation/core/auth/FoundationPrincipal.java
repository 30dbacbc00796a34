package dev.foundation.core.auth;

import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The authenticated caller, the same shape whichever identity provider issued the token:
 * tenancy, audit and logging read this, never provider-specific claims.
 *
 * @param userId the user's id at the provider ({@code sub} unless configured otherwise)
 * @param provider which kind of provider authenticated the caller
 * @param issuer the token's issuer ({@code iss}), or {@code foundation-api-key} for
 * {@link AuthProvider#API_KEY} (whose user id is {@code apikey:<key id>})
 * @param email the user's e-mail address, if the token carries one
 * @param tenantId the tenant (organization) the token names, if any: Clerk's active
 * organization, a Supabase {@code app_metadata} claim, or a configured claim
 * @param roles the foundation roles of the caller (e.g. {@code admin}), mapped from the
 * provider's roles
 * @param factorVerifiedAt when the user last completed a second factor, if the provider
 * says (Clerk's {@code fva})
 * @param claims all claims of the token, for what the normalized fields do not cover
 */
public record FoundationPrincipal(String userId, AuthProvider provider, String issuer, @Nullable String email,
		@Nullable String tenantId, Set<String> roles, @Nullable Instant factorVerifiedAt,
		Map<String, Object> claims) implements Principal {

	public FoundationPrincipal {
		roles = Set.copyOf(roles);
		claims = Map.copyOf(claims);
	}

	@Override
	public String getName() {
		return this.userId;
	}

	/**
	 * Returns who the caller is across issuers: the issuer and the user id. Store and
	 * compare users by this, never by {@link #userId()} alone, which another trusted
	 * issuer could also give out.
	 * @return the identity
	 */
	public UserIdentity identity() {
		return new UserIdentity(this.issuer, this.userId);
	}

	/**
	 * Whether the caller holds a role.
	 * @param role the foundation role, e.g. {@code admin}
	 * @return {@code true} if held
	 */
	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

	/**
	 * Returns the tenant id, if the token names one.
	 * @return the tenant id
	 */
	public Optional<String> tenant() {
		return Optional.ofNullable(this.tenantId);
	}

	/**
	 * Whether the user completed a second factor within the given time, for endpoints
	 * that demand a recent one.
	 * @param maxAge the longest acceptable age
	 * @param now the current time
	 * @return {@code true} if a second factor was verified recently enough
	 */
	public boolean secondFactorVerifiedWithin(java.time.Duration maxAge, Instant now) {
		return this.factorVerifiedAt != null && !this.factorVerifiedAt.isBefore(now.minus(maxAge));
	}

	@Override
	public String toString() {
		// Claims may hold personal data: keep them out of logs.
		return "FoundationPrincipal[userId=" + this.userId + ", provider=" + this.provider + ", issuer=" + this.issuer
				+ ", tenantId=" + this.tenantId + ", roles=" + this.roles + "]";
	}

}
