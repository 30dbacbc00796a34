package dev.foundation.core.auth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of authentication: which token issuers are trusted and how tokens are
 * checked.
 */
@ConfigurationProperties("foundation.auth")
@Validated
public class AuthProperties {

	/**
	 * Whether requests are authenticated by bearer tokens (and API keys, when enabled).
	 * When on, at least one issuer must be configured.
	 */
	private boolean enabled = true;

	/**
	 * Ant-style paths that need no authentication. Health probes and API docs are public
	 * by default.
	 */
	private List<String> publicPaths = new ArrayList<>(List.of("/actuator/health", "/actuator/health/**",
			"/api/v1/public/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error"));

	/**
	 * Role (from the token's roles claim, never from a tenant membership) that actuator
	 * endpoints other than the public paths require: metrics, the crypto endpoint (which
	 * can shred a tenant's data) and any other exposed endpoint are for operators only.
	 * Give it through a claim that tenants and users cannot set themselves.
	 */
	private String operatorRole = "operator";

	/**
	 * Tolerated clock difference when checking exp, nbf and iat.
	 */
	private Duration clockSkew = Duration.ofSeconds(60);

	/**
	 * Largest bearer token accepted; larger ones are rejected before they are parsed.
	 */
	private DataSize maxTokenSize = DataSize.ofKilobytes(16);

	@NestedConfigurationProperty
	private final JwksProperties jwks = new JwksProperties();

	@Valid
	@NestedConfigurationProperty
	private final SupabaseProperties supabase = new SupabaseProperties();

	@Valid
	@NestedConfigurationProperty
	private final ClerkProperties clerk = new ClerkProperties();

	/**
	 * Any other OIDC or JWT issuers, by a name of your choice.
	 */
	@Valid
	private Map<String, IssuerProperties> issuers = new LinkedHashMap<>();

	@NestedConfigurationProperty
	private final CorsProperties cors = new CorsProperties();

	@NestedConfigurationProperty
	private final ApiKeyProperties apiKeys = new ApiKeyProperties();

	@NestedConfigurationProperty
	private final SecurityObservationProperties observations = new SecurityObservationProperties();

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

	public String getOperatorRole() {
		return this.operatorRole;
	}

	public void setOperatorRole(String operatorRole) {
		this.operatorRole = operatorRole;
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

	public JwksProperties getJwks() {
		return this.jwks;
	}

	public SupabaseProperties getSupabase() {
		return this.supabase;
	}

	public ClerkProperties getClerk() {
		return this.clerk;
	}

	public Map<String, IssuerProperties> getIssuers() {
		return this.issuers;
	}

	public void setIssuers(Map<String, IssuerProperties> issuers) {
		this.issuers = issuers;
	}

	public CorsProperties getCors() {
		return this.cors;
	}

	public SecurityObservationProperties getObservations() {
		return this.observations;
	}

	public ApiKeyProperties getApiKeys() {
		return this.apiKeys;
	}

}
