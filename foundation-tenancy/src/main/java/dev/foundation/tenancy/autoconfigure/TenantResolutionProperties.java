package dev.foundation.tenancy.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

/**
 * Configuration of tenant resolution: which tenant a request is for.
 */
@ConfigurationProperties("foundation.tenancy.resolution")
public class TenantResolutionProperties {

	/**
	 * Whether the tenant of each authenticated request is resolved, checked and put into
	 * the request context.
	 */
	private boolean enabled = true;

	/**
	 * Path patterns of requests that must name a tenant (400 tenant-required otherwise).
	 */
	private List<String> requiredPaths = new ArrayList<>(List.of("/api/**"));

	/**
	 * Path patterns exempted from the required paths, e.g. endpoints a user calls before
	 * choosing a tenant.
	 */
	private List<String> excludedPaths = new ArrayList<>(List.of("/api/v1/public/**", "/api/v1/me"));

	/**
	 * How long a found tenant or membership is reused from this instance's memory before
	 * it is looked up again (in Redis, then in the database). Changes made through the
	 * tenant directory drop the entries of every instance at once (over Redis); changes
	 * made by other means, and changes whose broadcast Redis could not take, take effect
	 * on the other instances within this time. Zero turns the in-process cache off.
	 */
	private Duration cacheTtl = Duration.ofSeconds(30);

	private final Cache cache = new Cache();

	private final Claim claim = new Claim();

	private final Header header = new Header();

	private final Subdomain subdomain = new Subdomain();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getRequiredPaths() {
		return this.requiredPaths;
	}

	public void setRequiredPaths(List<String> requiredPaths) {
		this.requiredPaths = requiredPaths;
	}

	public List<String> getExcludedPaths() {
		return this.excludedPaths;
	}

	public void setExcludedPaths(List<String> excludedPaths) {
		this.excludedPaths = excludedPaths;
	}

	public Duration getCacheTtl() {
		return this.cacheTtl;
	}

	public void setCacheTtl(Duration cacheTtl) {
		this.cacheTtl = cacheTtl;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Claim getClaim() {
		return this.claim;
	}

	public Header getHeader() {
		return this.header;
	}

	public Subdomain getSubdomain() {
		return this.subdomain;
	}

	/**
	 * Caching of found tenants and memberships beyond this instance's memory.
	 */
	public static class Cache {

		private final Redis redis = new Redis();

		public Redis getRedis() {
			return this.redis;
		}

	}

	/**
	 * The cache tier in Redis, shared by every instance, used when the application has a
	 * Redis connection.
	 */
	public static class Redis {

		/**
		 * Whether found tenants and memberships are also kept in Redis when the
		 * application has it (changes reach every instance either way).
		 */
		private boolean enabled = true;

		/**
		 * How long an entry is kept in Redis. Changes made through the tenant directory
		 * bump the tenant's namespace at once; when Redis cannot take that, the instance
		 * making the change retries every second and reads nothing of that tenant from
		 * Redis until it went through.
		 */
		private Duration ttl = Duration.ofMinutes(5);

		/**
		 * Replaced by foundation.cache.key-prefix: the tenant cache is kept in the
		 * foundation's caches, under their prefix.
		 */
		private String keyPrefix = "foundation:tenancy:";

		/**
		 * No longer read: changes always reach every instance (a namespace bump is
		 * announced on the cache's channel).
		 */
		private boolean broadcastInvalidations = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		@Deprecated(since = "0.1.0")
		@DeprecatedConfigurationProperty(replacement = "foundation.cache.key-prefix",
				reason = "The tenant cache is kept in the foundation's caches, under their prefix")
		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		@Deprecated(since = "0.1.0")
		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		@Deprecated(since = "0.1.0")
		@DeprecatedConfigurationProperty(
				reason = "Changes always reach every instance: a namespace bump is announced on the cache's channel")
		public boolean isBroadcastInvalidations() {
			return this.broadcastInvalidations;
		}

		@Deprecated(since = "0.1.0")
		public void setBroadcastInvalidations(boolean broadcastInvalidations) {
			this.broadcastInvalidations = broadcastInvalidations;
		}

	}

	/**
	 * The tenant named by the token (the principal's tenant id).
	 */
	public static class Claim {

		/**
		 * Whether the token's organization or tenant claim names the tenant.
		 */
		private boolean enabled = true;

		/**
		 * Where this resolver runs among the others (lower first).
		 */
		// A literal, so that it reaches the IDE metadata; equals
		// ClaimTenantResolver.DEFAULT_ORDER.
		private int order = 100;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getOrder() {
			return this.order;
		}

		public void setOrder(int order) {
			this.order = order;
		}

	}

	/**
	 * The tenant named by a request header, accepted only for members.
	 */
	public static class Header {

		/**
		 * Whether a request header may name the tenant (by id or slug).
		 */
		private boolean enabled = true;

		/**
		 * Name of the header.
		 */
		private String name = "X-Tenant-Id";

		/**
		 * Where this resolver runs among the others (lower first).
		 */
		// A literal, so that it reaches the IDE metadata; equals
		// HeaderTenantResolver.DEFAULT_ORDER.
		private int order = 200;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public int getOrder() {
			return this.order;
		}

		public void setOrder(int order) {
			this.order = order;
		}

	}

	/**
	 * The tenant named by the first label of the host, {@code {slug}.<base-domain>}.
	 */
	public static class Subdomain {

		/**
		 * Whether the subdomain names the tenant; needs the base domain.
		 */
		private boolean enabled = false;

		/**
		 * Domain under which each tenant has its subdomain, e.g. example.com.
		 */
		private @Nullable String baseDomain;

		/**
		 * Where this resolver runs among the others (lower first).
		 */
		// A literal, so that it reaches the IDE metadata; equals
		// SubdomainTenantResolver.DEFAULT_ORDER.
		private int order = 300;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getBaseDomain() {
			return this.baseDomain;
		}

		public void setBaseDomain(@Nullable String baseDomain) {
			this.baseDomain = baseDomain;
		}

		public int getOrder() {
			return this.order;
		}

		public void setOrder(int order) {
			this.order = order;
		}

	}

}
