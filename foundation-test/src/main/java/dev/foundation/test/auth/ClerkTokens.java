package dev.foundation.test.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import org.jspecify.annotations.Nullable;

/**
 * Builds session tokens shaped like Clerk's, RS256-signed with the issuer's RSA key.
 * Version 2 (the default):
 *
 * <pre class="code">
 * {
 *   "azp": "http://localhost:3000", "exp": iat + 60, "fva": [0, -1], "iat": now,
 *   "iss": "&lt;issuer&gt;", "nbf": iat - 10,
 *   "o": { "id": "org_...", "rol": "admin", "slg": "acme" },
 *   "sid": "sess_...", "sub": "user_...", "v": 2
 * }
 * </pre>
 *
 * Version 1 ({@link #version(int) version(1)}) has no {@code v} and puts the organization
 * at the top level with the {@code org:} prefix on the role:
 * {@code "org_id": "org_...", "org_permissions": [], "org_role": "org:admin",
 * "org_slug": "acme"}. Organization claims appear only once
 * {@link #organization(String, String, String)} is set, as Clerk writes them only for an
 * active organization.
 * <p>
 * Obtain one from {@link TestJwtIssuer#clerk(String)}; each builder has its own random
 * user and session id.
 */
public final class ClerkTokens {

	private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

	// Clerk back-dates nbf by its allowed clock skew.
	private static final Duration NOT_BEFORE_SKEW = Duration.ofSeconds(10);

	private final TestJwtIssuer issuer;

	private final String issuerClaim;

	private String subject = TokenClaims.randomId("user_");

	private @Nullable String authorizedParty = "http://localhost:3000";

	private String sessionId = TokenClaims.randomId("sess_");

	private int version = 2;

	private int firstFactorMinutes;

	private int secondFactorMinutes = -1;

	private @Nullable Organization organization;

	private @Nullable Instant issuedAt;

	private Duration lifetime = DEFAULT_LIFETIME;

	private final Map<String, @Nullable Object> overrides = new LinkedHashMap<>();

	ClerkTokens(TestJwtIssuer issuer, String issuerClaim) {
		this.issuer = issuer;
		this.issuerClaim = issuerClaim.replaceAll("/+$", "");
	}

	/**
	 * Sets the user id ({@code sub}, default a random {@code user_...} id).
	 * @param subject the user id
	 * @return this builder
	 */
	public ClerkTokens user(String subject) {
		this.subject = subject;
		return this;
	}

	/**
	 * Sets {@code azp}, the origin of the page that requested the token (default
	 * {@code http://localhost:3000}).
	 * @param authorizedParty the origin, or {@code null} to leave the claim out as Clerk
	 * does without an origin
	 * @return this builder
	 */
	public ClerkTokens authorizedParty(@Nullable String authorizedParty) {
		this.authorizedParty = authorizedParty;
		return this;
	}

	/**
	 * Sets {@code sid} (default a random {@code sess_...} id).
	 * @param sessionId the session id
	 * @return this builder
	 */
	public ClerkTokens sessionId(String sessionId) {
		this.sessionId = sessionId;
		return this;
	}

	/**
	 * Makes the active organization's claims present.
	 * @param id the organization id, such as {@code org_2abc}
	 * @param role the member's role without the {@code org:} prefix, such as
	 * {@code admin}
	 * @param slug the organization's slug
	 * @return this builder
	 */
	public ClerkTokens organization(String id, String role, String slug) {
		this.organization = new Organization(id, role.startsWith("org:") ? role.substring("org:".length()) : role,
				slug);
		return this;
	}

	/**
	 * Sets {@code fva}, the minutes since the first and the second factor were last
	 * verified.
	 * @param firstMinutes minutes since the first factor (default 0)
	 * @param secondMinutes minutes since the second factor, {@code -1} for none (the
	 * default)
	 * @return this builder
	 */
	public ClerkTokens factorVerified(int firstMinutes, int secondMinutes) {
		this.firstFactorMinutes = firstMinutes;
		this.secondFactorMinutes = secondMinutes;
		return this;
	}

	/**
	 * Chooses the claim format.
	 * @param version {@code 2} (default, with {@code v} and {@code o}) or {@code 1}
	 * (top-level {@code org_*})
	 * @return this builder
	 * @throws IllegalArgumentException for any other version
	 */
	public ClerkTokens version(int version) {
		if (version != 1 && version != 2) {
			throw new IllegalArgumentException("Clerk session tokens have versions 1 and 2, not " + version);
		}
		this.version = version;
		return this;
	}

	/**
	 * Sets the lifetime, {@code exp - iat} (default 60 seconds, Clerk's); negative for
	 * expired tokens.
	 * @param lifetime the lifetime
	 * @return this builder
	 */
	public ClerkTokens expiresIn(Duration lifetime) {
		this.lifetime = lifetime;
		return this;
	}

	/**
	 * Sets {@code iat} (default now), which {@code nbf} (10 seconds earlier) and
	 * {@code exp} follow.
	 * @param issuedAt the issue time
	 * @return this builder
	 */
	public ClerkTokens issuedAt(Instant issuedAt) {
		this.issuedAt = issuedAt;
		return this;
	}

	/**
	 * Sets a top-level claim last, overriding any built one.
	 * @param name the claim name
	 * @param value a JSON-compatible value, an {@link Instant} (written as seconds), or
	 * {@code null} to remove it
	 * @return this builder
	 */
	public ClerkTokens claim(String name, @Nullable Object value) {
		this.overrides.put(name, value);
		return this;
	}

	/**
	 * The claims as built so far, for inspection or for {@link MalformedTokens}.
	 * @return the claims
	 */
	public JWTClaimsSet claims() {
		Instant iat = (this.issuedAt != null) ? this.issuedAt : TokenClaims.now();
		// Clerk writes its claims in alphabetical order.
		Map<String, Object> claims = new LinkedHashMap<>();
		if (this.authorizedParty != null) {
			claims.put("azp", this.authorizedParty);
		}
		claims.put("exp", iat.plus(this.lifetime));
		claims.put("fva", List.of(this.firstFactorMinutes, this.secondFactorMinutes));
		claims.put("iat", iat);
		claims.put("iss", this.issuerClaim);
		claims.put("nbf", iat.minus(NOT_BEFORE_SKEW));
		Organization org = this.organization;
		if (org != null && this.version == 2) {
			Map<String, Object> o = new LinkedHashMap<>();
			o.put("id", org.id());
			o.put("rol", org.role());
			o.put("slg", org.slug());
			claims.put("o", o);
		}
		else if (org != null) {
			claims.put("org_id", org.id());
			claims.put("org_permissions", List.of());
			claims.put("org_role", "org:" + org.role());
			claims.put("org_slug", org.slug());
		}
		claims.put("sid", this.sessionId);
		claims.put("sub", this.subject);
		if (this.version == 2) {
			claims.put("v", 2);
		}
		return TokenClaims.build(claims, this.overrides);
	}

	/**
	 * Signs the claims with RS256.
	 * @return the compact serialization, to send as {@code Authorization: Bearer <token>}
	 */
	public String token() {
		return this.issuer.sign(JWSAlgorithm.RS256, claims());
	}

	private record Organization(String id, String role, String slug) {
	}

}
