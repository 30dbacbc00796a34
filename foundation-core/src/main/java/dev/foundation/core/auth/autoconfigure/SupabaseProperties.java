package dev.foundation.core.auth.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * Supabase Auth.
 */
public class SupabaseProperties {

	/**
	 * Project URL, e.g. https://abcd.supabase.co; enables Supabase tokens (issuer
	 * <url>/auth/v1, keys from its JWKS, ES256 and RS256).
	 */
	private @Nullable URI url;

	/**
	 * Legacy projects only: the project's JWT secret, for HS256 tokens (at least 32
	 * bytes).
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
