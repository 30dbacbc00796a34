package dev.foundation.core.cache;

/**
 * Invalidation of whole namespaces: a bump increments the namespace's version in Redis
 * ({@code INCR}) and tells every instance over pub/sub to drop its local copies, so every
 * instance stops serving the namespace's old entries at once; the old keys expire by
 * their time to live.
 */
public interface CacheNamespaces {

	/**
	 * Bumps a cache's namespace in the current scope (the bound tenant, else global).
	 * @param cache the cache's name
	 */
	default void bump(String cache) {
		bump(cache, CacheScope.current());
	}

	/**
	 * Bumps a cache's namespace in a scope.
	 * @param cache the cache's name
	 * @param scope the scope
	 */
	void bump(String cache, CacheScope scope);

}
