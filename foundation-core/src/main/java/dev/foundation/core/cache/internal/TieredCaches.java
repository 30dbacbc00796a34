package dev.foundation.core.cache.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.foundation.core.cache.CacheNamespaces;
import dev.foundation.core.cache.CacheScope;
import dev.foundation.core.cache.CacheSettings;
import dev.foundation.core.cache.CacheValueCodec;
import dev.foundation.core.cache.FoundationCache;
import dev.foundation.core.cache.FoundationCaches;
import dev.foundation.core.redis.FoundationRedis;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * The caches by name, sharing one set of namespace versions and, with Redis, one
 * subscription to the invalidation channel.
 */
public final class TieredCaches implements FoundationCaches, CacheNamespaces, SmartLifecycle {

	private final Map<String, TieredCache> caches = new ConcurrentHashMap<>();

	private final CacheKeys keys;

	private final NamespaceVersions versions;

	private final @Nullable CacheRedis redis;

	private final CacheValueCodec codec;

	private final CacheMeters meters;

	private final BiFunction<String, @Nullable CacheSettings, CacheSettings> settings;

	private final @Nullable CacheInvalidations invalidations;

	private final Ticker ticker;

	/**
	 * Creates the caches.
	 * @param redis the shared connection, or {@code null} for in-process caches only
	 * (versions are then this instance's own)
	 * @param keyPrefix the prefix of every key and of the channel
	 * @param versionRefresh how long a copy of a namespace's version is used before it is
	 * read again from Redis
	 * @param codec how values are written to Redis
	 * @param meters the counters
	 * @param settings a cache's settings from its name and the defaults its user gave (if
	 * any)
	 */
	public TieredCaches(@Nullable FoundationRedis redis, String keyPrefix, Duration versionRefresh,
			CacheValueCodec codec, CacheMeters meters,
			BiFunction<String, @Nullable CacheSettings, CacheSettings> settings) {
		this(redis, keyPrefix, versionRefresh, codec, meters, settings, Ticker.systemTicker());
	}

	/**
	 * Creates the caches with the clock of their in-process tiers (for tests).
	 * @param redis the shared connection, or {@code null} for in-process caches only
	 * @param keyPrefix the prefix of every key and of the channel
	 * @param versionRefresh how long a copy of a namespace's version is used
	 * @param codec how values are written to Redis
	 * @param meters the counters
	 * @param settings a cache's settings from its name and the defaults its user gave
	 * @param ticker the clock of the in-process tiers
	 */
	public TieredCaches(@Nullable FoundationRedis redis, String keyPrefix, Duration versionRefresh,
			CacheValueCodec codec, CacheMeters meters,
			BiFunction<String, @Nullable CacheSettings, CacheSettings> settings, Ticker ticker) {
		this.ticker = ticker;
		this.keys = new CacheKeys(keyPrefix);
		this.redis = (redis != null) ? new CacheRedis(redis) : null;
		this.versions = new NamespaceVersions(this.redis, this.keys, versionRefresh.toNanos());
		this.codec = codec;
		this.meters = meters;
		this.settings = settings;
		this.versions.onDrop((namespace) -> this.caches.values().forEach((cache) -> cache.dropLocal(namespace)));
		this.invalidations = (redis != null) ? new CacheInvalidations(redis, this.keys.channel(), this.versions,
				(entryKey) -> this.caches.values().forEach((cache) -> cache.dropLocalEntry(entryKey))) : null;
	}

	@Override
	public FoundationCache cache(String name) {
		return this.caches.computeIfAbsent(name, (key) -> create(key, null));
	}

	@Override
	public FoundationCache cache(String name, CacheSettings defaults) {
		return this.caches.computeIfAbsent(name, (key) -> create(key, defaults));
	}

	@Override
	public void bump(String cache, CacheScope scope) {
		cache(cache).bump(scope);
	}

	/**
	 * The caches created so far.
	 * @return the caches
	 */
	public Collection<? extends FoundationCache> caches() {
		return this.caches.values();
	}

	/**
	 * Whether bumps are waiting for Redis to take them.
	 * @return whether some are pending
	 */
	public boolean hasPendingBumps() {
		return this.versions.hasPending();
	}

	private TieredCache create(String name, @Nullable CacheSettings defaults) {
		return new TieredCache(name, this.settings.apply(name, defaults), this.keys, this.versions, this.redis,
				this.codec, new CacheCounters(this.meters, name), this.ticker);
	}

	@Override
	public void start() {
		CacheInvalidations invalidations = this.invalidations;
		if (invalidations != null) {
			invalidations.start();
		}
	}

	@Override
	public void stop() {
		CacheInvalidations invalidations = this.invalidations;
		if (invalidations != null) {
			invalidations.stop();
		}
	}

	@Override
	public boolean isRunning() {
		CacheInvalidations invalidations = this.invalidations;
		return invalidations != null && invalidations.isRunning();
	}

}
