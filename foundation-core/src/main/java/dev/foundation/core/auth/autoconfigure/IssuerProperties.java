package dev.foundation.core.auth.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;

/**
 * A custom JWT or OIDC issuer. Exactly one key source: issuer-uri (discovery),
 * jwk-set-uri, hmac-secret or public-key.
 */
public class IssuerProperties {

	/**
	 * Expected iss claim. Also the discovery base when no key source is given other than
	 * issuer-uri.
	 */
	private @Nullable String issuer;

	/**
	 * OIDC issuer whose /.well-known/openid-configuration names the JWKS; discovered at
	 * the first token, not at startup.
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
	 * PEM-encoded RSA or EC public key (X.509 SubjectPublicKeyInfo), e.g.
	 * classpath:keys/issuer.pub.
	 */
	private @Nullable Resource publicKey;

	/**
	 * Accepted audiences; a token must name at least one. Required unless audience-check
	 * is 'disabled'.
	 */
	private List<String> audiences = new ArrayList<>();

	/**
	 * Whether tokens must name one of the audiences. 'disabled' accepts tokens the issuer
	 * minted for any application, so set it only on purpose, for an issuer that serves
	 * this application alone.
	 */
	private AudienceCheck audienceCheck = AudienceCheck.REQUIRED;

	/**
	 * Whether only OAuth 2.0 access tokens are accepted: JOSE header typ 'at+jwt' (RFC
	 * 9068). Refuses ID tokens and other tokens of the same issuer signed with the same
	 * keys.
	 */
	private boolean requireAccessTokenType;

	/**
	 * Accepted signature algorithms. Defaults to RS256 and ES256 for key sets and public
	 * keys, HS256 for a secret.
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

	public AudienceCheck getAudienceCheck() {
		return this.audienceCheck;
	}

	public void setAudienceCheck(AudienceCheck audienceCheck) {
		this.audienceCheck = audienceCheck;
	}

	public boolean isRequireAccessTokenType() {
		return this.requireAccessTokenType;
	}

	public void setRequireAccessTokenType(boolean requireAccessTokenType) {
		this.requireAccessTokenType = requireAccessTokenType;
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

	/**
	 * Where a custom issuer's tokens keep the user's data; dotted paths for nested
	 * claims.
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
	 * Whether a custom issuer's tokens must name one of the configured audiences.
	 */
	public enum AudienceCheck {

		/**
		 * Tokens must name one of the audiences, which must be configured.
		 */
		REQUIRED,

		/**
		 * Any audience is accepted, or none.
		 */
		DISABLED

	}

}
