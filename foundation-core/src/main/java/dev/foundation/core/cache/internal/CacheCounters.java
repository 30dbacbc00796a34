package dev.foundation.core.cache.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters of one cache, made once so that a lookup costs no registry search.
 */
final class CacheCounters {

	static final String GETS = "foundation.cache.gets";

	static final String BYPASSES = "foundation.cache.bypasses";

	static final String FAILURES = "foundation.cache.failures";

	static final String BUMPS = "foundation.cache.bumps";

	final Runnable localHit;

	final Runnable localMiss;

	final Runnable redisHit;

	final Runnable redisMiss;

	final Runnable bypass;

	final Runnable bump;

	private final Map<String, Runnable> failures = new ConcurrentHashMap<>();

	private final CacheMeters meters;

	private final String cache;

	CacheCounters(CacheMeters meters, String cache) {
		this.meters = meters;
		this.cache = cache;
		String gets = "Cache lookups by tier and result";
		this.localHit = meters.counter(GETS, gets, "cache", cache, "tier", "local", "result", "hit");
		this.localMiss = meters.counter(GETS, gets, "cache", cache, "tier", "local", "result", "miss");
		this.redisHit = meters.counter(GETS, gets, "cache", cache, "tier", "redis", "result", "hit");
		this.redisMiss = meters.counter(GETS, gets, "cache", cache, "tier", "redis", "result", "miss");
		this.bypass = meters.counter(BYPASSES,
				"Cache lookups that could not use Redis (down, or a bump of the namespace pending)", "cache", cache);
		this.bump = meters.counter(BUMPS, "Namespace version bumps (whole-namespace invalidations)", "cache", cache);
	}

	/** Counts a failure: read, write, encode, decode, evict or bump. */
	void failure(String operation) {
		this.failures
			.computeIfAbsent(operation,
					(op) -> this.meters.counter(FAILURES, "Cache operations that failed and were skipped", "cache",
							this.cache, "operation", op))
			.run();
	}

}
