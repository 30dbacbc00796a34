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
 * Builds access tokens shaped like those of Supabase Auth (GoTrue) for a signed-in user:
 *
 * <pre class="code">
 * {
 *   "iss": "&lt;projectUrl&gt;/auth/v1", "sub": "&lt;uuid&gt;", "aud": "authenticated",
 *   "exp": iat + 3600, "iat": now,
 *   "email": "user@example.com", "phone": "",
 *   "app_metadata": { "provider": "email", "providers": ["email"], ...tenant_id, roles },
 *   "user_metadata": {},
 *   "role": "authenticated", "aal": "aal1",
 *   "amr": [ { "method": "password", "timestamp": iat } ],
 *   "session_id": "&lt;uuid&gt;", "is_anonymous": false
 * }
 * </pre>
 *
 * Signed ES256 with the issuer's EC key by default, as projects on Supabase's asymmetric
 * signing keys are; legacy projects sign HS256 with their JWT secret
 * ({@link #signedWithSecret(String)}). Only {@code app_metadata} is written by the
 * service role; {@code user_metadata} is the user's own, which is why tenant and roles go
 * to the former.
 * <p>
 * Obtain one from {@link TestJwtIssuer#supabase(String)}; each builder has its own random
 * user and session id.
 */
public final class SupabaseTokens {

	private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

	private final TestJwtIssuer issuer;

	private final String issuerClaim;

	private String subject = UUID.randomUUID().toString();

	private String email = "user@example.com";

	private String phone = "";

	private String role = "authenticated";

	private List<String> audience = List.of("authenticated");

	private String sessionId = UUID.randomUUID().toString();

	private String assuranceLevel = "aal1";

	private boolean anonymous;

	private final Map<String, Object> appMetadata = new LinkedHashMap<>();

	private final Map<String, Object> userMetadata = new LinkedHashMap<>();

	private @Nullable Instant issuedAt;

	private Duration lifetime = DEFAULT_LIFETIME;

	private @Nullable Instant notBefore;

	private final Map<String, @Nullable Object> overrides = new LinkedHashMap<>();

	private JWSAlgorithm algorithm = JWSAlgorithm.ES256;

	private byte @Nullable [] secret;

	SupabaseTokens(TestJwtIssuer issuer, String projectUrl) {
		this.issuer = issuer;
		this.issuerClaim = projectUrl.replaceAll("/+$", "") + "/auth/v1";
	}

	/**
	 * Sets the user id ({@code sub}); Supabase user ids are UUIDs.
	 * @param subject the user id
	 * @return this builder
	 */
	public SupabaseTokens user(String subject) {
		this.subject = subject;
		return this;
	}

	/**
	 * Sets {@code email} (default {@code user@example.com}).
	 * @param email the address, or an empty string as Supabase writes for users without
	 * one
	 * @return this builder
	 */
	public SupabaseTokens email(String email) {
		this.email = email;
		return this;
	}

	/**
	 * Sets {@code phone} (default empty, as for users who signed up by e-mail).
	 * @param phone the phone number
	 * @return this builder
	 */
	public SupabaseTokens phone(String phone) {
		this.phone = phone;
		return this;
	}

	/**
	 * Sets {@code app_metadata.tenant_id}, where foundation reads the tenant by default.
	 * @param tenantId the tenant id
	 * @return this builder
	 */
	public SupabaseTokens tenantId(String tenantId) {
		return appMetadata("tenant_id", tenantId);
	}

	/**
	 * Sets {@code app_metadata.roles}, where foundation reads roles by default.
	 * @param roles the roles
	 * @return this builder
	 */
	public SupabaseTokens roles(String... roles) {
		return appMetadata("roles", List.of(roles));
	}

	/**
	 * Adds an entry to {@code app_metadata}, the part only the service role can write.
	 * @param name the entry's name
	 * @param value a JSON-compatible value (string, number, boolean, list or map)
	 * @return this builder
	 */
	public SupabaseTokens appMetadata(String name, Object value) {
		this.appMetadata.put(name, value);
		return this;
	}

	/**
	 * Adds an entry to {@code user_metadata}, the part the user can write (to test that
	 * it is not trusted).
	 * @param name the entry's name
	 * @param value a JSON-compatible value (string, number, boolean, list or map)
	 * @return this builder
	 */
	public SupabaseTokens userMetadata(String name, Object value) {
		this.userMetadata.put(name, value);
		return this;
	}

	/**
	 * Sets {@code role}, the PostgreSQL role: {@code authenticated} (default),
	 * {@code anon} (the anon API key) or {@code service_role}.
	 * @param role the role
	 * @return this builder
	 */
	public SupabaseTokens role(String role) {
		this.role = role;
		return this;
	}

	/**
	 * Makes the token that of an anonymous sign-in: {@code is_anonymous: true}, no
	 * e-mail, provider and {@code amr} method {@code anonymous}. As in Supabase,
	 * {@code role} stays {@code authenticated}; only {@code is_anonymous} tells such
	 * users apart.
	 * @return this builder
	 */
	public SupabaseTokens anonymous() {
		this.anonymous = true;
		this.email = "";
		return this;
	}

	/**
	 * Sets {@code aal}, the authenticator assurance level: {@code aal1} (default) or
	 * {@code aal2} after MFA.
	 * @param assuranceLevel the level
	 * @return this builder
	 */
	public SupabaseTokens assuranceLevel(String assuranceLevel) {
		this.assuranceLevel = assuranceLevel;
		return this;
	}

	/**
	 * Sets {@code session_id} (default a random UUID).
	 * @param sessionId the session id
	 * @return this builder
	 */
	public SupabaseTokens sessionId(String sessionId) {
		this.sessionId = sessionId;
		return this;
	}

	/**
	 * Replaces {@code aud} (default {@code authenticated}); one value is written as a
	 * string.
	 * @param audience the audiences
	 * @return this builder
	 */
	public SupabaseTokens audience(String... audience) {
		this.audience = List.of(audience);
		return this;
	}

	/**
	 * Sets the lifetime, {@code exp - iat} (default one hour, Supabase's default);
	 * negative for expired tokens.
	 * @param lifetime the lifetime
	 * @return this builder
	 */
	public SupabaseTokens expiresIn(Duration lifetime) {
		this.lifetime = lifetime;
		return this;
	}

	/**
	 * Sets {@code iat} (default now), which {@code exp} and the {@code amr} timestamp
	 * follow.
	 * @param issuedAt the issue time
	 * @return this builder
	 */
	public SupabaseTokens issuedAt(Instant issuedAt) {
		this.issuedAt = issuedAt;
		return this;
	}

	/**
	 * Adds {@code nbf}, which Supabase does not write, for tests of not-yet-valid tokens.
	 * @param notBefore the time before which the token is not valid
	 * @return this builder
	 */
	public SupabaseTokens notBefore(Instant notBefore) {
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
	public SupabaseTokens claim(String name, @Nullable Object value) {
		this.overrides.put(name, value);
		return this;
	}

	/**
	 * Signs with the issuer's key for the algorithm instead of ES256.
	 * @param algorithm {@code ES256} or {@code RS256} (the algorithms Supabase signing
	 * keys use)
	 * @return this builder
	 */
	public SupabaseTokens signedWith(JWSAlgorithm algorithm) {
		this.algorithm = algorithm;
		this.secret = null;
		return this;
	}

	/**
	 * Signs HS256 with a legacy project's JWT secret instead of the issuer's keys.
	 * @param legacyJwtSecret the secret, at least 32 bytes in UTF-8
	 * @return this builder
	 */
	public SupabaseTokens signedWithSecret(String legacyJwtSecret) {
		this.secret = legacyJwtSecret.getBytes(StandardCharsets.UTF_8);
		return this;
	}

	/**
	 * The claims as built so far, for inspection or for {@link MalformedTokens}.
	 * @return the claims
	 */
	public JWTClaimsSet claims() {
		Instant iat = (this.issuedAt != null) ? this.issuedAt : TokenClaims.now();
		String method = this.anonymous ? "anonymous" : "password";
		Map<String, Object> app = new LinkedHashMap<>();
		app.put("provider", this.anonymous ? "anonymous" : "email");
		app.put("providers", List.of(this.anonymous ? "anonymous" : "email"));
		app.putAll(this.appMetadata);
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", this.issuerClaim);
		claims.put("sub", this.subject);
		claims.put("aud", (this.audience.size() == 1) ? this.audience.get(0) : this.audience);
		claims.put("exp", iat.plus(this.lifetime));
		claims.put("iat", iat);
		if (this.notBefore != null) {
			claims.put("nbf", this.notBefore);
		}
		claims.put("email", this.email);
		claims.put("phone", this.phone);
		claims.put("app_metadata", app);
		claims.put("user_metadata", new LinkedHashMap<>(this.userMetadata));
		claims.put("role", this.role);
		claims.put("aal", this.assuranceLevel);
		Map<String, Object> amr = new LinkedHashMap<>();
		amr.put("method", method);
		amr.put("timestamp", iat.getEpochSecond());
		claims.put("amr", List.of(amr));
		claims.put("session_id", this.sessionId);
		claims.put("is_anonymous", this.anonymous);
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
