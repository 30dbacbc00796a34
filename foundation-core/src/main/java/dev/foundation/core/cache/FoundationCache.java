package dev.foundation.core.cache;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.cache.Cache;

/**
 * One named cache of the foundation: a Spring {@link Cache} whose operations act in the
 * {@linkplain CacheScope#current() current scope} (the bound tenant, else global), plus
 * the same operations in an explicit scope.
 * <p>
 * {@link #clear()} bumps the current scope's namespace version: every instance stops
 * reading the old entries at once (no {@code SCAN}, no {@code DEL}); they expire by their
 * time to live. A value being loaded while the version changes is stored under the
 * version it was loaded for, where no reader looks any more.
 * <p>
 * Redis failures never fail an operation: a lookup runs the loader, a write is skipped, a
 * bump Redis could not take is retried and, until it went through, the namespace bypasses
 * Redis on this instance.
 */
public interface FoundationCache extends Cache {

	/**
	 * Looks a value up in a scope, else loads it; a found value is kept, an empty one is
	 * not (so lookups of random keys cannot fill the cache).
	 * @param <T> the value type
	 * @param scope the scope
	 * @param key the key (its {@code toString()} names it in Redis)
	 * @param type the value type; a cached value of another type is a miss
	 * @param loader the lookup behind the cache
	 * @return the value, or empty
	 */
	<T> Optional<T> get(CacheScope scope, Object key, Class<T> type, Supplier<Optional<T>> loader);

	/**
	 * Keeps a value in a scope.
	 * @param scope the scope
	 * @param key the key
	 * @param value the value
	 */
	void put(CacheScope scope, Object key, Object value);

	/**
	 * Drops one entry of a scope, here, in Redis and in the other instances' local tiers.
	 * Unlike {@link #bump}, a value another request is loading at the same moment may be
	 * stored again: use a bump where a stale value must never come back.
	 * @param scope the scope
	 * @param key the key
	 */
	void evict(CacheScope scope, Object key);

	/**
	 * Invalidates every entry of a scope on every instance by bumping its namespace
	 * version.
	 * @param scope the scope
	 */
	void bump(CacheScope scope);

	/**
	 * Drops this instance's in-process entries and its copies of namespace versions, e.g.
	 * after data changed by means that bump nothing.
	 */
	void clearLocal();

}
