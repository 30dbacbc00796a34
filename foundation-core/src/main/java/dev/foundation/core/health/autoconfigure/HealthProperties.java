package dev.foundation.core.health.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the health probes the foundation sets up on top of actuator.
 */
@ConfigurationProperties("foundation.health")
public class HealthProperties {

	/**
	 * Whether liveness and readiness groups are configured: liveness from the
	 * application's own state only, readiness with the database (and Redis when
	 * redis-required), components and details for authenticated callers only.
	 */
	private boolean enabled = true;

	/**
	 * Whether Redis is part of readiness. Off by default: the foundation's features that
	 * use Redis degrade without it, and a shared Redis going down must not take every
	 * instance out of rotation at once. Turn it on when the application cannot serve
	 * without Redis.
	 */
	private boolean redisRequired;

	private final PublicAliases publicAliases = new PublicAliases();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isRedisRequired() {
		return this.redisRequired;
	}

	public void setRedisRequired(boolean redisRequired) {
		this.redisRequired = redisRequired;
	}

	public PublicAliases getPublicAliases() {
		return this.publicAliases;
	}

	/**
	 * Aliases of the probes on the application's own paths, for platforms that expect
	 * them there.
	 */
	public static class PublicAliases {

		/**
		 * Whether the liveness and readiness groups are also served at the alias paths.
		 */
		private boolean enabled;

		/**
		 * Path answering like /actuator/health/liveness.
		 */
		private String livenessPath = "/api/v1/public/health";

		/**
		 * Path answering like /actuator/health/readiness.
		 */
		private String readinessPath = "/api/v1/public/health/ready";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getLivenessPath() {
			return this.livenessPath;
		}

		public void setLivenessPath(String livenessPath) {
			this.livenessPath = livenessPath;
		}

		public String getReadinessPath() {
			return this.readinessPath;
		}

		public void setReadinessPath(String readinessPath) {
			this.readinessPath = readinessPath;
		}

	}

}
