package dev.foundation.tenancy.resolution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small in-process cache of found values with a time to live. Absent values are not cached, so a tenant or
 * membership created a moment ago is seen at once, and requests naming random tenants cannot fill the cache.
 */
final class ExpiringCache<K, V> {

	private static final int MAX_ENTRIES = 10_000;

	private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

	private final Duration ttl;

	private final Clock clock;

	ExpiringCache(Duration ttl, Clock clock) {
		this.ttl = ttl;
		this.clock = clock;
	}

	Optional<V> get(K key, Function<K, Optional<V>> loader) {
		if (this.ttl.isZero() || this.ttl.isNegative()) {
			return loader.apply(key);
		}
		Instant now = this.clock.instant();
		Entry<V> entry = this.entries.get(key);
		if (entry != null && now.isBefore(entry.expiresAt())) {
			return Optional.of(entry.value());
		}
		Optional<V> loaded = loader.apply(key);
		loaded.ifPresentOrElse((value) -> put(key, value, now), () -> this.entries.remove(key));
		return loaded;
	}

	void put(K key, V value) {
		put(key, value, this.clock.instant());
	}

	private void put(K key, V value, Instant now) {
		if (this.ttl.isZero() || this.ttl.isNegative()) {
			return;
		}
		if (this.entries.size() >= MAX_ENTRIES) {
			this.entries.values().removeIf((entry) -> !now.isBefore(entry.expiresAt()));
			if (this.entries.size() >= MAX_ENTRIES) {
				this.entries.clear();
			}
		}
		this.entries.put(key, new Entry<>(value, now.plus(this.ttl)));
	}

	void clear() {
		this.entries.clear();
	}

	private record Entry<V>(V value, Instant expiresAt) {
	}

}
