package dev.foundation.core.cache.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The versioned, tenant-aware cache: Redis shared by every instance, an optional
 * in-process tier in front.
 */
@ConfigurationProperties("foundation.cache")
public class FoundationCacheProperties {

	/**
	 * Whether the foundation's caches back the application's CacheManager (@Cacheable).
	 * The foundation's own caches (e.g. tenancy's) use them either way.
	 */
	private boolean enabled = true;

	/**
	 * Prefix of every key and of the invalidation channel; the instances of one
	 * application share it, different applications on one Redis need different ones.
	 */
	private String keyPrefix = "foundation:cache:";

	/**
	 * How long an entry lives in Redis unless its cache sets a time to live.
	 */
	private Duration defaultTtl = Duration.ofMinutes(10);

	/**
	 * How long an instance uses its copy of a namespace's version before reading it again
	 * from Redis; bumps drop the copies at once over pub/sub, this bounds how long a lost
	 * message could go unnoticed.
	 */
	private Duration versionRefresh = Duration.ofSeconds(30);

	/**
	 * Whether puts, evictions and bumps made within a transaction wait for its commit.
	 */
	private boolean transactionAware = true;

	/**
	 * Whether null results of @Cacheable methods are cached, unless the cache says
	 * otherwise.
	 */
	private boolean allowNullValues = true;

	/**
	 * Packages, besides the application's own (its auto-configuration packages), whose
	 * classes may be read back from Redis.
	 */
	private List<String> trustedPackages = new ArrayList<>();

	/**
	 * The in-process tier of every cache that does not set its own.
	 */
	private final Local local = new Local();

	/**
	 * Settings by cache name; caches named here exist from startup.
	 */
	private Map<String, CacheProperties> caches = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public Duration getDefaultTtl() {
		return this.defaultTtl;
	}

	public void setDefaultTtl(Duration defaultTtl) {
		this.defaultTtl = defaultTtl;
	}

	public Duration getVersionRefresh() {
		return this.versionRefresh;
	}

	public void setVersionRefresh(Duration versionRefresh) {
		this.versionRefresh = versionRefresh;
	}

	public boolean isTransactionAware() {
		return this.transactionAware;
	}

	public void setTransactionAware(boolean transactionAware) {
		this.transactionAware = transactionAware;
	}

	public boolean isAllowNullValues() {
		return this.allowNullValues;
	}

	public void setAllowNullValues(boolean allowNullValues) {
		this.allowNullValues = allowNullValues;
	}

	public List<String> getTrustedPackages() {
		return this.trustedPackages;
	}

	public void setTrustedPackages(List<String> trustedPackages) {
		this.trustedPackages = trustedPackages;
	}

	public Local getLocal() {
		return this.local;
	}

	public Map<String, CacheProperties> getCaches() {
		return this.caches;
	}

	public void setCaches(Map<String, CacheProperties> caches) {
		this.caches = caches;
	}

	/**
	 * An in-process tier.
	 */
	public static class Local {

		/**
		 * How many entries the in-process tier holds; 0 turns it off.
		 */
		private long maxSize;

		/**
		 * How long an entry lives in the in-process tier.
		 */
		private Duration ttl = Duration.ofSeconds(30);

		public long getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(long maxSize) {
			this.maxSize = maxSize;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

	}

	/**
	 * One cache's settings; what is unset comes from the defaults above (or from the code
	 * that created the cache).
	 */
	public static class CacheProperties {

		/**
		 * How long an entry lives in Redis.
		 */
		private @Nullable Duration ttl;

		/**
		 * Whether entries are kept in Redis, shared by every instance.
		 */
		private @Nullable Boolean redis;

		/**
		 * Whether null results are cached.
		 */
		private @Nullable Boolean allowNullValues;

		/**
		 * The in-process tier of this cache.
		 */
		private final CacheLocal local = new CacheLocal();

		public @Nullable Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(@Nullable Duration ttl) {
			this.ttl = ttl;
		}

		public @Nullable Boolean getRedis() {
			return this.redis;
		}

		public void setRedis(@Nullable Boolean redis) {
			this.redis = redis;
		}

		public @Nullable Boolean getAllowNullValues() {
			return this.allowNullValues;
		}

		public void setAllowNullValues(@Nullable Boolean allowNullValues) {
			this.allowNullValues = allowNullValues;
		}

		public CacheLocal getLocal() {
			return this.local;
		}

	}

	/**
	 * One cache's in-process tier.
	 */
	public static class CacheLocal {

		/**
		 * How many entries it holds; 0 turns it off.
		 */
		private @Nullable Long maxSize;

		/**
		 * How long an entry lives in it.
		 */
		private @Nullable Duration ttl;

		public @Nullable Long getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(@Nullable Long maxSize) {
			this.maxSize = maxSize;
		}

		public @Nullable Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(@Nullable Duration ttl) {
			this.ttl = ttl;
		}

	}

}
