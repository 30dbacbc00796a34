package dev.foundation.core.cache;

/**
 * The foundation's caches by name: the registry behind the foundation's
 * {@link org.springframework.cache.CacheManager}, for code that uses a cache directly
 * (e.g. tenancy's tenant cache).
 */
public interface FoundationCaches {

	/**
	 * Returns a cache with the settings of {@code foundation.cache.caches.<name>} (or the
	 * defaults), creating it on first use.
	 * @param name the cache's name
	 * @return the cache
	 */
	FoundationCache cache(String name);

	/**
	 * Returns a cache whose settings default to the given ones; what
	 * {@code foundation.cache.caches.<name>} sets still wins. The settings of the first
	 * call for a name stay.
	 * @param name the cache's name
	 * @param defaults the settings where the properties set nothing
	 * @return the cache
	 */
	FoundationCache cache(String name, CacheSettings defaults);

}
