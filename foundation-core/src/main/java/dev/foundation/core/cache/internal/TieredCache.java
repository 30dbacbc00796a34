package dev.foundation.core.cache.internal;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.foundation.core.cache.CacheScope;
import dev.foundation.core.cache.CacheSettings;
import dev.foundation.core.cache.CacheValueCodec;
import dev.foundation.core.cache.FoundationCache;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cache.support.NullValue;
import org.springframework.cache.support.SimpleValueWrapper;

/**
 * One cache: an optional Caffeine tier in front of Redis, both keyed by the full
 * versioned key (so an entry loaded under an old version can only ever be stored under
 * that old version, where no reader looks).
 */
final class TieredCache implements FoundationCache {

	private static final Logger logger = LoggerFactory.getLogger(TieredCache.class);

	private final String name;

	private final CacheSettings settings;

	private final CacheKeys keys;

	private final NamespaceVersions versions;

	private final @Nullable CacheRedis redis;

	private final CacheValueCodec codec;

	private final @Nullable Cache<String, Object> local;

	private final CacheCounters counters;

	private final long ttlMillis;

	private final Set<Class<?>> unwritable = ConcurrentHashMap.newKeySet();

	TieredCache(String name, CacheSettings settings, CacheKeys keys, NamespaceVersions versions,
			@Nullable CacheRedis redis, CacheValueCodec codec, CacheCounters counters, Ticker ticker) {
		this.name = name;
		this.settings = settings;
		this.keys = keys;
		this.versions = versions;
		this.redis = settings.redis() ? redis : null;
		this.codec = codec;
		this.counters = counters;
		this.ttlMillis = settings.ttl().toMillis();
		this.local = settings.hasLocalTier() ? Caffeine.newBuilder()
			.maximumSize(settings.localMaxSize())
			.expireAfterWrite(settings.localTtl())
			.ticker(ticker)
			.build() : null;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public Object getNativeCache() {
		return this;
	}

	CacheSettings settings() {
		return this.settings;
	}

	// Spring's Cache, in the current scope.

	@Override
	public @Nullable ValueWrapper get(Object key) {
		Found found = lookUp(locate(CacheScope.current(), key));
		return (found != null) ? new SimpleValueWrapper(found.value()) : null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
		Found found = lookUp(locate(CacheScope.current(), key));
		if (found == null || found.value() == null) {
			return null;
		}
		Object value = found.value();
		if (type != null && !type.isInstance(value)) {
			throw new IllegalStateException(
					"Cached value is not of required type [" + type.getName() + "]: " + value.getClass().getName());
		}
		return (T) value;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
		Location location = locate(CacheScope.current(), key);
		Found found = lookUp(location);
		if (found != null) {
			return (T) found.value();
		}
		T value;
		try {
			value = valueLoader.call();
		}
		catch (Exception ex) {
			throw new ValueRetrievalException(key, valueLoader, ex);
		}
		if (value != null || this.settings.allowNullValues()) {
			store(location, value);
		}
		return value;
	}

	@Override
	public void put(Object key, @Nullable Object value) {
		if (value == null && !this.settings.allowNullValues()) {
			throw new IllegalArgumentException(
					"Cache '" + this.name + "' does not allow null values; set foundation.cache.caches." + this.name
							+ ".allow-null-values=true or use unless=\"#result == null\"");
		}
		store(locate(CacheScope.current(), key), value);
	}

	@Override
	public void evict(Object key) {
		evict(CacheScope.current(), key);
	}

	@Override
	public void clear() {
		bump(CacheScope.current());
	}

	@Override
	public boolean invalidate() {
		clear();
		return true;
	}

	// The same in an explicit scope.

	@Override
	public <T> Optional<T> get(CacheScope scope, Object key, Class<T> type, Supplier<Optional<T>> loader) {
		Location location = locate(scope, key);
		Found found = lookUp(location);
		if (found != null && type.isInstance(found.value())) {
			return Optional.of(type.cast(found.value()));
		}
		Optional<T> loaded = loader.get();
		loaded.ifPresent((value) -> store(location, value));
		return loaded;
	}

	@Override
	public void put(CacheScope scope, Object key, Object value) {
		store(locate(scope, key), value);
	}

	@Override
	public void evict(CacheScope scope, Object key) {
		String namespace = CacheKeys.namespace(this.name, scope);
		OptionalLong version = this.versions.version(namespace);
		CacheRedis redis = this.versions.redis();
		if (version.isEmpty()) {
			// Nothing here is reachable; Redis may still hold the entry: only a bump is
			// sure to hide it.
			bump(scope);
			return;
		}
		String entryKey = this.keys.entryKey(namespace, version.getAsLong(), CacheKeys.keyString(key));
		Cache<String, Object> local = this.local;
		if (local != null) {
			local.invalidate(entryKey);
		}
		if (redis == null) {
			return;
		}
		try {
			redis.evict(entryKey, this.keys.channel(), CacheInvalidations.evictMessage(entryKey));
		}
		catch (RuntimeException ex) {
			redis.outages().failed(CacheRedis.FEATURE, ex);
			this.counters.failure("evict");
			// The entry may stay in Redis and in the other instances: bump (retried until
			// Redis takes it).
			bump(scope);
		}
	}

	@Override
	public void bump(CacheScope scope) {
		this.counters.bump.run();
		if (!this.versions.bump(CacheKeys.namespace(this.name, scope))) {
			this.counters.failure("bump");
		}
	}

	@Override
	public void clearLocal() {
		dropLocal(null);
		this.versions.droppedAll();
	}

	/** Drops the local entries of a namespace (all when {@code null}). */
	void dropLocal(@Nullable String namespace) {
		Cache<String, Object> local = this.local;
		if (local == null) {
			return;
		}
		if (namespace == null) {
			local.invalidateAll();
			return;
		}
		String prefix = this.keys.entryPrefix(namespace);
		local.asMap().keySet().removeIf((key) -> key.startsWith(prefix));
	}

	void dropLocalEntry(String entryKey) {
		Cache<String, Object> local = this.local;
		if (local != null) {
			local.invalidate(entryKey);
		}
	}

	private Location locate(CacheScope scope, Object key) {
		String namespace = CacheKeys.namespace(this.name, scope);
		OptionalLong version = this.versions.version(namespace);
		if (version.isEmpty()) {
			return new Location(namespace, null);
		}
		return new Location(namespace, this.keys.entryKey(namespace, version.getAsLong(), CacheKeys.keyString(key)));
	}

	private @Nullable Found lookUp(Location location) {
		String key = location.entryKey();
		if (key == null) {
			this.counters.bypass.run();
			return null;
		}
		Cache<String, Object> local = this.local;
		if (local != null) {
			Object value = local.getIfPresent(key);
			if (value != null) {
				this.counters.localHit.run();
				return new Found((value != NullValue.INSTANCE) ? value : null);
			}
			this.counters.localMiss.run();
		}
		CacheRedis redis = this.redis;
		if (redis == null) {
			return null;
		}
		if (!this.versions.redisUsable(location.namespace())) {
			this.counters.bypass.run();
			return null;
		}
		byte[] bytes;
		try {
			bytes = redis.get(key);
		}
		catch (RuntimeException ex) {
			redis.outages().failed(CacheRedis.FEATURE, ex);
			this.counters.failure("read");
			this.counters.bypass.run();
			return null;
		}
		if (bytes == null) {
			this.counters.redisMiss.run();
			return null;
		}
		Object value;
		try {
			value = this.codec.decode(bytes);
		}
		catch (RuntimeException ex) {
			// Written by another version of the application, or not by it at all: a miss,
			// replaced by the next write.
			logger.debug("Cannot read an entry of cache '{}': {}", this.name, ex.toString());
			this.counters.failure("decode");
			this.counters.redisMiss.run();
			return null;
		}
		this.counters.redisHit.run();
		if (local != null) {
			local.put(key, (value != null) ? value : NullValue.INSTANCE);
		}
		return new Found(value);
	}

	private void store(Location location, @Nullable Object value) {
		String key = location.entryKey();
		if (key == null) {
			return;
		}
		CacheRedis redis = this.redis;
		if (redis != null && this.versions.redisUsable(location.namespace())) {
			byte[] bytes = encode(value);
			if (bytes != null) {
				try {
					redis.set(key, bytes, this.ttlMillis);
				}
				catch (RuntimeException ex) {
					redis.outages().failed(CacheRedis.FEATURE, ex);
					this.counters.failure("write");
				}
			}
		}
		Cache<String, Object> local = this.local;
		if (local != null) {
			local.put(key, (value != null) ? value : NullValue.INSTANCE);
		}
	}

	private byte @Nullable [] encode(@Nullable Object value) {
		try {
			return this.codec.encode(value);
		}
		catch (RuntimeException ex) {
			this.counters.failure("encode");
			Class<?> type = (value != null) ? value.getClass() : Object.class;
			if (this.unwritable.add(type)) {
				logger.warn("Cannot write a {} to Redis for cache '{}', so it is not shared: {}", type.getName(),
						this.name, ex.toString());
			}
			return null;
		}
	}

	/** Where an entry lives; no entry key when the namespace's version is unknown now. */
	private record Location(String namespace, @Nullable String entryKey) {
	}

	private record Found(@Nullable Object value) {
	}

}
