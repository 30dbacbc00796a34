package dev.foundation.core.auth.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of authentication: which token issuers are trusted and how tokens are checked.
 */
@ConfigurationProperties("foundation.auth")
@Validated
public class AuthProperties {

	/**
	 * Whether requests are authenticated by bearer tokens (and API keys, when enabled). When on, at least one
	 * issuer must be configured.
	 */
	private boolean enabled = true;

	/**
	 * Ant-style paths that need no authentication. Health probes and API docs are public by default.
	 */
	private List<String> publicPaths = new ArrayList<>(List.of("/actuator/health", "/actuator/health/**",
			"/api/v1/public/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error"));

	/**
	 * Tolerated clock difference when checking exp, nbf and iat.
	 */
	private Duration clockSkew = Duration.ofSeconds(60);

	/**
	 * Largest bearer token accepted; larger ones are rejected before they are parsed.
	 */
	private DataSize maxTokenSize = DataSize.ofKilobytes(16);

	private final Jwks jwks = new Jwks();

	@Valid
	private final Supabase supabase = new Supabase();

	@Valid
	private final Clerk clerk = new Clerk();

	/**
	 * Any other OIDC or JWT issuers, by a name of your choice.
	 */
	@Valid
	private Map<String, Issuer> issuers = new LinkedHashMap<>();

	private final Cors cors = new Cors();

	private final ApiKeys apiKeys = new ApiKeys();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getPublicPaths() {
		return this.publicPaths;
	}

	public void setPublicPaths(List<String> publicPaths) {
		this.publicPaths = publicPaths;
	}

	public Duration getClockSkew() {
		return this.clockSkew;
	}

	public void setClockSkew(Duration clockSkew) {
		this.clockSkew = clockSkew;
	}

	public DataSize getMaxTokenSize() {
		return this.maxTokenSize;
	}

	public void setMaxTokenSize(DataSize maxTokenSize) {
		this.maxTokenSize = maxTokenSize;
	}

	public Jwks getJwks() {
		return this.jwks;
	}

	public Supabase getSupabase() {
		return this.supabase;
	}

	public Clerk getClerk() {
		return this.clerk;
	}

	public Map<String, Issuer> getIssuers() {
		return this.issuers;
	}

	public void setIssuers(Map<String, Issuer> issuers) {
		this.issuers = issuers;
	}

	public Cors getCors() {
		return this.cors;
	}

	public ApiKeys getApiKeys() {
		return this.apiKeys;
	}

	/**
	 * Fetching and caching of JSON Web Key Sets.
	 */
	public static class Jwks {

		/**
		 * How long a fetched key set is used before it is fetched again.
		 */
		private Duration cacheTtl = Duration.ofMinutes(10);

		/**
		 * How long before expiry the key set is refreshed in the background, so requests never wait for it.
		 */
		private Duration refreshAhead = Duration.ofSeconds(30);

		/**
		 * Rate limit of key set fetches: at most two per interval (the second allows for a key rotation), whatever
		 * arrives, e.g. a flood of tokens with unknown key ids.
		 */
		private Duration minRefreshInterval = Duration.ofSeconds(30);

		/**
		 * How long the last fetched key set keeps being used while the issuer's key endpoint is unreachable.
		 */
		private Duration outageTolerance = Duration.ofHours(4);

		/**
		 * Connect timeout of a key set fetch.
		 */
		private Duration connectTimeout = Duration.ofSeconds(2);

		/**
		 * Read timeout of a key set fetch.
		 */
		private Duration readTimeout = Duration.ofSeconds(3);

		/**
		 * Attempts of a key set fetch (first try included) before it counts as failed.
		 */
		private int maxAttempts = 2;

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

		public Duration getRefreshAhead() {
			return this.refreshAhead;
		}

		public void setRefreshAhead(Duration refreshAhead) {
			this.refreshAhead = refreshAhead;
		}

		public Duration getMinRefreshInterval() {
			return this.minRefreshInterval;
		}

		public void setMinRefreshInterval(Duration minRefreshInterval) {
			this.minRefreshInterval = minRefreshInterval;
		}

		public Duration getOutageTolerance() {
			return this.outageTolerance;
		}

		public void setOutageTolerance(Duration outageTolerance) {
			this.outageTolerance = outageTolerance;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

	}

	/**
	 * Supabase Auth.
	 */
	public static class Supabase {

		/**
		 * Project URL, e.g. https://abcd.supabase.co; enables Supabase tokens (issuer <url>/auth/v1, keys from its
		 * JWKS, ES256 and RS256).
		 */
		private @Nullable URI url;

		/**
		 * Legacy projects only: the project's JWT secret, for HS256 tokens (at least 32 bytes).
		 */
		private @Nullable String jwtSecret;

		/**
		 * Required audience.
		 */
		private String audience = "authenticated";

		/**
		 * Whether anonymous Supabase users (is_anonymous=true) are accepted.
		 */
		private boolean allowAnonymous;

		/**
		 * Claim path of the tenant id, dotted for nested claims.
		 */
		private String tenantIdClaim = "app_metadata.tenant_id";

		/**
		 * Claim path of the user's roles (a string or a list of strings).
		 */
		private String rolesClaim = "app_metadata.roles";

		public @Nullable URI getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable URI url) {
			this.url = url;
		}

		public @Nullable String getJwtSecret() {
			return this.jwtSecret;
		}

		public void setJwtSecret(@Nullable String jwtSecret) {
			this.jwtSecret = jwtSecret;
		}

		public String getAudience() {
			return this.audience;
		}

		public void setAudience(String audience) {
			this.audience = audience;
		}

		public boolean isAllowAnonymous() {
			return this.allowAnonymous;
		}

		public void setAllowAnonymous(boolean allowAnonymous) {
			this.allowAnonymous = allowAnonymous;
		}

		public String getTenantIdClaim() {
			return this.tenantIdClaim;
		}

		public void setTenantIdClaim(String tenantIdClaim) {
			this.tenantIdClaim = tenantIdClaim;
		}

		public String getRolesClaim() {
			return this.rolesClaim;
		}

		public void setRolesClaim(String rolesClaim) {
			this.rolesClaim = rolesClaim;
		}

	}

	/**
	 * Clerk.
	 */
	public static class Clerk {

		/**
		 * Frontend API URL, e.g. https://clerk.example.com or https://<slug>.clerk.accounts.dev; enables Clerk
		 * session tokens (keys from <issuer>/.well-known/jwks.json, RS256).
		 */
		private @Nullable URI issuer;

		/**
		 * Origins allowed in the azp claim, e.g. https://app.example.com. Empty accepts any azp (not recommended).
		 */
		private List<String> authorizedParties = new ArrayList<>();

		/**
		 * Organization roles mapped to foundation roles; unmapped roles lose their 'org:' prefix.
		 */
		private Map<String, String> roleMapping = new LinkedHashMap<>(
				Map.of("org:admin", "admin", "org:member", "member"));

		public @Nullable URI getIssuer() {
			return this.issuer;
		}

		public void setIssuer(@Nullable URI issuer) {
			this.issuer = issuer;
		}

		public List<String> getAuthorizedParties() {
			return this.authorizedParties;
		}

		public void setAuthorizedParties(List<String> authorizedParties) {
			this.authorizedParties = authorizedParties;
		}

		public Map<String, String> getRoleMapping() {
			return this.roleMapping;
		}

		public void setRoleMapping(Map<String, String> roleMapping) {
			this.roleMapping = roleMapping;
		}

	}

	/**
	 * A custom JWT or OIDC issuer. Exactly one key source: issuer-uri (discovery), jwk-set-uri, hmac-secret or
	 * public-key.
	 */
	public static class Issuer {

		/**
		 * Expected iss claim. Also the discovery base when no key source is given other than issuer-uri.
		 */
		private @Nullable String issuer;

		/**
		 * OIDC issuer whose /.well-known/openid-configuration names the JWKS; discovered at the first token, not at
		 * startup.
		 */
		private @Nullable URI issuerUri;

		/**
		 * URL of the issuer's JSON Web Key Set.
		 */
		private @Nullable URI jwkSetUri;

		/**
		 * Shared secret for HMAC-signed tokens (at least 32 bytes).
		 */
		private @Nullable String hmacSecret;

		/**
		 * PEM-encoded RSA or EC public key (X.509 SubjectPublicKeyInfo), e.g. classpath:keys/issuer.pub.
		 */
		private @Nullable Resource publicKey;

		/**
		 * Accepted audiences; a token must name at least one. Empty skips the audience check.
		 */
		private List<String> audiences = new ArrayList<>();

		/**
		 * Accepted signature algorithms. Defaults to RS256 and ES256 for key sets and public keys, HS256 for a
		 * secret.
		 */
		private List<String> algorithms = new ArrayList<>();

		private final Claims claims = new Claims();

		public @Nullable String getIssuer() {
			return this.issuer;
		}

		public void setIssuer(@Nullable String issuer) {
			this.issuer = issuer;
		}

		public @Nullable URI getIssuerUri() {
			return this.issuerUri;
		}

		public void setIssuerUri(@Nullable URI issuerUri) {
			this.issuerUri = issuerUri;
		}

		public @Nullable URI getJwkSetUri() {
			return this.jwkSetUri;
		}

		public void setJwkSetUri(@Nullable URI jwkSetUri) {
			this.jwkSetUri = jwkSetUri;
		}

		public @Nullable String getHmacSecret() {
			return this.hmacSecret;
		}

		public void setHmacSecret(@Nullable String hmacSecret) {
			this.hmacSecret = hmacSecret;
		}

		public @Nullable Resource getPublicKey() {
			return this.publicKey;
		}

		public void setPublicKey(@Nullable Resource publicKey) {
			this.publicKey = publicKey;
		}

		public List<String> getAudiences() {
			return this.audiences;
		}

		public void setAudiences(List<String> audiences) {
			this.audiences = audiences;
		}

		public List<String> getAlgorithms() {
			return this.algorithms;
		}

		public void setAlgorithms(List<String> algorithms) {
			this.algorithms = algorithms;
		}

		public Claims getClaims() {
			return this.claims;
		}

	}

	/**
	 * Where a custom issuer's tokens keep the user's data; dotted paths for nested claims.
	 */
	public static class Claims {

		/**
		 * Claim of the user id.
		 */
		private String userId = "sub";

		/**
		 * Claim of the e-mail address.
		 */
		private String email = "email";

		/**
		 * Claim of the tenant id, if tokens carry one.
		 */
		private @Nullable String tenantId;

		/**
		 * Claim of the roles (a string, a space-separated string or a list).
		 */
		private String roles = "roles";

		public String getUserId() {
			return this.userId;
		}

		public void setUserId(String userId) {
			this.userId = userId;
		}

		public String getEmail() {
			return this.email;
		}

		public void setEmail(String email) {
			this.email = email;
		}

		public @Nullable String getTenantId() {
			return this.tenantId;
		}

		public void setTenantId(@Nullable String tenantId) {
			this.tenantId = tenantId;
		}

		public String getRoles() {
			return this.roles;
		}

		public void setRoles(String roles) {
			this.roles = roles;
		}

	}

	/**
	 * Cross-origin requests.
	 */
	public static class Cors {

		/**
		 * Origins allowed to call the API from a browser, e.g. https://app.example.com. Empty disables CORS.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		/**
		 * Methods allowed in cross-origin requests.
		 */
		private List<String> allowedMethods = new ArrayList<>(
				List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));

		/**
		 * Request headers allowed in cross-origin requests.
		 */
		private List<String> allowedHeaders = new ArrayList<>(
				List.of("Authorization", "Content-Type", "If-Match", "X-Request-Id", "X-Tenant-Id", "X-API-Key"));

		/**
		 * Response headers exposed to the browser.
		 */
		private List<String> exposedHeaders = new ArrayList<>(List.of("X-Request-Id", "ETag", "Location", "Retry-After"));

		/**
		 * Whether credentials (cookies, Authorization) may accompany cross-origin requests.
		 */
		private boolean allowCredentials;

		/**
		 * How long browsers may cache a preflight answer.
		 */
		private Duration maxAge = Duration.ofHours(1);

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public List<String> getAllowedMethods() {
			return this.allowedMethods;
		}

		public void setAllowedMethods(List<String> allowedMethods) {
			this.allowedMethods = allowedMethods;
		}

		public List<String> getAllowedHeaders() {
			return this.allowedHeaders;
		}

		public void setAllowedHeaders(List<String> allowedHeaders) {
			this.allowedHeaders = allowedHeaders;
		}

		public List<String> getExposedHeaders() {
			return this.exposedHeaders;
		}

		public void setExposedHeaders(List<String> exposedHeaders) {
			this.exposedHeaders = exposedHeaders;
		}

		public boolean isAllowCredentials() {
			return this.allowCredentials;
		}

		public void setAllowCredentials(boolean allowCredentials) {
			this.allowCredentials = allowCredentials;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

	/**
	 * API keys for service-to-service calls.
	 */
	public static class ApiKeys {

		/**
		 * Whether callers may authenticate with an API key instead of a bearer token.
		 */
		private boolean enabled;

		/**
		 * Request header carrying the API key.
		 */
		private String header = "X-API-Key";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

	}

}
