package dev.foundation.core.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How one cache keeps its entries.
 *
 * @param ttl how long an entry lives in Redis
 * @param redis whether entries are kept in Redis, shared by every instance; without it
 * only the local tier caches (and bumps still reach every instance when Redis is there)
 * @param localMaxSize how many entries the in-process tier holds; zero turns it off
 * @param localTtl how long an entry lives in the in-process tier
 * @param allowNullValues whether {@code null} results of {@code @Cacheable} methods are
 * cached
 */
public record CacheSettings(Duration ttl, boolean redis, long localMaxSize, Duration localTtl,
		boolean allowNullValues) {

	public CacheSettings {
		Objects.requireNonNull(ttl, "ttl");
		Objects.requireNonNull(localTtl, "localTtl");
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("ttl must be positive, but is " + ttl);
		}
		if (localMaxSize < 0) {
			throw new IllegalArgumentException("localMaxSize must not be negative, but is " + localMaxSize);
		}
		if (localMaxSize > 0 && (localTtl.isNegative() || localTtl.isZero())) {
			throw new IllegalArgumentException("localTtl must be positive, but is " + localTtl);
		}
	}

	/**
	 * Whether the in-process tier is on.
	 * @return {@code true} when it holds entries
	 */
	public boolean hasLocalTier() {
		return this.localMaxSize > 0;
	}

}
