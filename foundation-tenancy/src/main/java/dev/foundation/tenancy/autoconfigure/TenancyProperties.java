package dev.foundation.tenancy.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of multi-tenancy.
 */
@ConfigurationProperties("foundation.tenancy")
public class TenancyProperties {

	/**
	 * Whether multi-tenancy is enabled: tenants, memberships and roles.
	 */
	private boolean enabled = true;

	private final Provisioning provisioning = new Provisioning();

	/**
	 * Issuer ({@code iss}) of the memberships and organization ids stored before
	 * identities were kept per issuer; needed at startup only while such rows exist and
	 * more than one issuer is trusted.
	 */
	private @Nullable String legacyIssuer;

	public @Nullable String getLegacyIssuer() {
		return this.legacyIssuer;
	}

	public void setLegacyIssuer(@Nullable String legacyIssuer) {
		this.legacyIssuer = legacyIssuer;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Provisioning getProvisioning() {
		return this.provisioning;
	}

	/**
	 * Just-in-time provisioning of tenants for identity-provider organizations.
	 */
	public static class Provisioning {

		/**
		 * Whether a first request from an identity-provider organization with no tenant
		 * yet provisions the tenant and the caller's membership (role taken from the
		 * token). Read by tenant resolution.
		 */
		private boolean enabled = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
