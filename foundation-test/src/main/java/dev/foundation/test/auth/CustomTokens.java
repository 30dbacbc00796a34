package dev.foundation.test.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import org.jspecify.annotations.Nullable;

/**
 * Builds tokens of a generic JWT or OIDC issuer, with the claim names foundation reads by
 * default:
 *
 * <pre class="code">
 * { "iss": "&lt;issuer&gt;", "sub": "&lt;uuid&gt;", "aud": [...], "iat": now, "exp": iat + 3600, "nbf": ...,
 *   "email": ..., "tenant_id": ..., "roles": [...] }
 * </pre>
 *
 * Claims not set are left out: by default only {@code iss}, {@code sub}, {@code iat} and
 * {@code exp}. Signed RS256 with the issuer's RSA key unless
 * {@link #signedWith(JWSAlgorithm)} or {@link #signedWithSecret(String)} says otherwise.
 * <p>
 * Obtain one from {@link TestJwtIssuer#custom(String)}; each builder has its own random
 * user id.
 */
public final class CustomTokens {

	private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

	private final TestJwtIssuer issuer;

	private final String issuerClaim;

	private String subject = UUID.randomUUID().toString();

	private List<String> audience = List.of();

	private @Nullable String email;

	private @Nullable String tenantId;

	private List<String> roles = List.of();

	private @Nullable Instant issuedAt;

	private Duration lifetime = DEFAULT_LIFETIME;

	private @Nullable Instant notBefore;

	private final Map<String, @Nullable Object> overrides = new LinkedHashMap<>();

	private JWSAlgorithm algorithm = JWSAlgorithm.RS256;

	private byte @Nullable [] secret;

	CustomTokens(TestJwtIssuer issuer, String issuerClaim) {
		this.issuer = issuer;
		this.issuerClaim = issuerClaim;
	}

	/**
	 * Sets the user id ({@code sub}, default a random UUID).
	 * @param subject the user id
	 * @return this builder
	 */
	public CustomTokens user(String subject) {
		this.subject = subject;
		return this;
	}

	/**
	 * Sets {@code aud} (default absent); one value is written as a string, several as a
	 * list.
	 * @param audience the audiences
	 * @return this builder
	 */
	public CustomTokens audience(String... audience) {
		this.audience = List.of(audience);
		return this;
	}

	/**
	 * Sets {@code email} (default absent).
	 * @param email the address
	 * @return this builder
	 */
	public CustomTokens email(String email) {
		this.email = email;
		return this;
	}

	/**
	 * Sets {@code tenant_id} (default absent).
	 * @param tenantId the tenant id
	 * @return this builder
	 */
	public CustomTokens tenantId(String tenantId) {
		this.tenantId = tenantId;
		return this;
	}

	/**
	 * Sets {@code roles}, a list of strings (default absent).
	 * @param roles the roles
	 * @return this builder
	 */
	public CustomTokens roles(String... roles) {
		this.roles = List.of(roles);
		return this;
	}

	/**
	 * Sets the lifetime, {@code exp - iat} (default one hour); negative for expired
	 * tokens.
	 * @param lifetime the lifetime
	 * @return this builder
	 */
	public CustomTokens expiresIn(Duration lifetime) {
		this.lifetime = lifetime;
		return this;
	}

	/**
	 * Sets {@code iat} (default now), which {@code exp} follows.
	 * @param issuedAt the issue time
	 * @return this builder
	 */
	public CustomTokens issuedAt(Instant issuedAt) {
		this.issuedAt = issuedAt;
		return this;
	}

	/**
	 * Adds {@code nbf} (default absent).
	 * @param notBefore the time before which the token is not valid
	 * @return this builder
	 */
	public CustomTokens notBefore(Instant notBefore) {
		this.notBefore = notBefore;
		return this;
	}

	/**
	 * Sets a top-level claim last, overriding any built one.
	 * @param name the claim name
	 * @param value a JSON-compatible value, an {@link Instant} (written as seconds), or
	 * {@code null} to remove it
	 * @return this builder
	 */
	public CustomTokens claim(String name, @Nullable Object value) {
		this.overrides.put(name, value);
		return this;
	}

	/**
	 * Signs with the issuer's key for the algorithm instead of RS256.
	 * @param algorithm RS256, RS384, RS512, PS256, PS384, PS512 or ES256
	 * @return this builder
	 */
	public CustomTokens signedWith(JWSAlgorithm algorithm) {
		this.algorithm = algorithm;
		this.secret = null;
		return this;
	}

	/**
	 * Signs HS256 with a shared secret instead of the issuer's keys.
	 * @param secret the secret, at least 32 bytes in UTF-8
	 * @return this builder
	 */
	public CustomTokens signedWithSecret(String secret) {
		this.secret = secret.getBytes(StandardCharsets.UTF_8);
		return this;
	}

	/**
	 * The claims as built so far, for inspection or for {@link MalformedTokens}.
	 * @return the claims
	 */
	public JWTClaimsSet claims() {
		Instant iat = (this.issuedAt != null) ? this.issuedAt : TokenClaims.now();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", this.issuerClaim);
		claims.put("sub", this.subject);
		if (!this.audience.isEmpty()) {
			claims.put("aud", (this.audience.size() == 1) ? this.audience.get(0) : this.audience);
		}
		claims.put("iat", iat);
		claims.put("exp", iat.plus(this.lifetime));
		if (this.notBefore != null) {
			claims.put("nbf", this.notBefore);
		}
		if (this.email != null) {
			claims.put("email", this.email);
		}
		if (this.tenantId != null) {
			claims.put("tenant_id", this.tenantId);
		}
		if (!this.roles.isEmpty()) {
			claims.put("roles", this.roles);
		}
		return TokenClaims.build(claims, this.overrides);
	}

	/**
	 * Signs the claims.
	 * @return the compact serialization, to send as {@code Authorization: Bearer <token>}
	 */
	public String token() {
		if (this.secret != null) {
			return HmacSigning.sign(this.secret, claims());
		}
		return this.issuer.sign(this.algorithm, claims());
	}

}
