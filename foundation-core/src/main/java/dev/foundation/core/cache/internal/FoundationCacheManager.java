package dev.foundation.core.cache.internal;

import java.util.Collection;
import java.util.List;

import dev.foundation.core.cache.FoundationCaches;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.transaction.AbstractTransactionSupportingCacheManager;

/**
 * Spring's {@link org.springframework.cache.CacheManager} over the foundation's caches,
 * so that {@code @Cacheable}, {@code @CachePut} and {@code @CacheEvict} use them. Caches
 * named in the properties exist from the start; others are created on first use.
 * <p>
 * Transaction-aware by default: within a transaction, puts, evictions and bumps wait for
 * the commit, so that no instance reloads the old rows under a version bumped before they
 * changed.
 */
public final class FoundationCacheManager extends AbstractTransactionSupportingCacheManager {

	private final FoundationCaches caches;

	private final List<String> names;

	/**
	 * Creates the manager.
	 * @param caches the caches
	 * @param names the caches to create at once
	 */
	public FoundationCacheManager(FoundationCaches caches, Collection<String> names) {
		this.caches = caches;
		this.names = List.copyOf(names);
	}

	@Override
	protected Collection<? extends Cache> loadCaches() {
		return this.names.stream().map(this.caches::cache).toList();
	}

	@Override
	protected @Nullable Cache getMissingCache(String name) {
		return this.caches.cache(name);
	}

}
