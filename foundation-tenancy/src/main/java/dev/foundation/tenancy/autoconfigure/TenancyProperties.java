package dev.foundation.tenancy.autoconfigure;

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
		 * Whether a first request from an identity-provider organization with no tenant yet provisions the tenant
		 * and the caller's membership (role taken from the token). Read by tenant resolution.
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
