package dev.foundation.tenancy.resolution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * A small in-process cache of found values with a time to live. Absent values are not
 * cached, so a tenant or membership created a moment ago is seen at once, and requests
 * naming random tenants cannot fill the cache.
 * <p>
 * A value loaded while an invalidation ran is returned but not kept: it may have been
 * read before the change committed, and keeping it would undo the invalidation until the
 * entry expires.
 */
final class ExpiringCache<K, V> {

	private static final int MAX_ENTRIES = 10_000;

	private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

	private final Duration ttl;

	private final Clock clock;

	// Why a lock for writes only: reads stay lock-free; a put and an invalidation must
	// not interleave between the
	// generation check and the write.
	private final Object writeLock = new Object();

	private long generation;

	ExpiringCache(Duration ttl, Clock clock) {
		this.ttl = ttl;
		this.clock = clock;
	}

	Optional<V> get(K key, Function<K, Optional<V>> loader) {
		if (!isEnabled()) {
			return loader.apply(key);
		}
		Instant now = this.clock.instant();
		Entry<V> entry = this.entries.get(key);
		if (entry != null && now.isBefore(entry.expiresAt())) {
			return Optional.of(entry.value());
		}
		long generation = generation();
		Optional<V> loaded = loader.apply(key);
		if (loaded.isPresent()) {
			put(key, loaded.get(), now, generation);
		}
		else {
			this.entries.remove(key);
		}
		return loaded;
	}

	void put(K key, V value) {
		put(key, value, this.clock.instant(), generation());
	}

	/** Drops one key, and keeps values being loaded now from being stored. */
	void invalidate(K key) {
		synchronized (this.writeLock) {
			this.generation++;
			this.entries.remove(key);
		}
	}

	/**
	 * Drops every entry that matches, and keeps values being loaded now from being
	 * stored.
	 */
	void invalidateIf(BiPredicate<K, V> matches) {
		synchronized (this.writeLock) {
			this.generation++;
			this.entries.entrySet().removeIf((entry) -> matches.test(entry.getKey(), entry.getValue().value()));
		}
	}

	void clear() {
		invalidateIf((key, value) -> true);
	}

	private boolean isEnabled() {
		return !this.ttl.isZero() && !this.ttl.isNegative();
	}

	private long generation() {
		synchronized (this.writeLock) {
			return this.generation;
		}
	}

	private void put(K key, V value, Instant now, long loadedAt) {
		if (!isEnabled()) {
			return;
		}
		synchronized (this.writeLock) {
			if (loadedAt != this.generation) {
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
	}

	private record Entry<V>(V value, Instant expiresAt) {
	}

}
