package dev.foundation.core.cache.internal;

/**
 * Makes the cache's counters; the auto-configuration backs it with Micrometer when
 * present. Tags carry only bounded values: the cache's name, the tier, the result, the
 * operation; never a tenant or a key.
 */
@FunctionalInterface
public interface CacheMeters {

	/** Counters that count nothing. */
	CacheMeters NONE = (name, description, tags) -> () -> {
	};

	/**
	 * Returns a counter.
	 * @param name the meter's name
	 * @param description what it counts
	 * @param tags tag names and values, alternating
	 * @return what increments it
	 */
	Runnable counter(String name, String description, String... tags);

}
