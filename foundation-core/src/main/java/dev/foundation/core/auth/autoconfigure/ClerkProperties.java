package dev.foundation.core.auth.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Clerk.
 */
public class ClerkProperties {

	/**
	 * Frontend API URL, e.g. https://clerk.example.com or
	 * https://<slug>.clerk.accounts.dev; enables Clerk session tokens (keys from
	 * <issuer>/.well-known/jwks.json, RS256).
	 */
	private @Nullable URI issuer;

	/**
	 * Origins allowed in the azp claim, e.g. https://app.example.com. Empty accepts any
	 * azp (not recommended; logs a WARN at startup).
	 */
	private List<String> authorizedParties = new ArrayList<>();

	/**
	 * Organization roles mapped to foundation roles; unmapped roles lose their 'org:'
	 * prefix.
	 */
	private Map<String, String> roleMapping = new LinkedHashMap<>(Map.of("org:admin", "admin", "org:member", "member"));

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
