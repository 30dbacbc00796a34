package dev.foundation.core.cache;

import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import org.jspecify.annotations.Nullable;

/**
 * Whose entries a cache operation touches: one tenant's, or the global ones shared by
 * every tenant. Each scope of a cache is a namespace of its own, with its own version, so
 * tenant A's entry can never be read for tenant B even under the same cache name and key.
 *
 * @param tenant the tenant's id, or {@code null} for the global scope
 */
public record CacheScope(@Nullable String tenant) {

	private static final CacheScope GLOBAL = new CacheScope(null);

	public CacheScope {
		if (tenant != null && tenant.isEmpty()) {
			throw new IllegalArgumentException("A tenant id must not be empty");
		}
	}

	/**
	 * The scope shared by every tenant.
	 * @return the global scope
	 */
	public static CacheScope global() {
		return GLOBAL;
	}

	/**
	 * One tenant's scope.
	 * @param tenantId the tenant's id
	 * @return the scope
	 */
	public static CacheScope tenant(String tenantId) {
		return new CacheScope(tenantId);
	}

	/**
	 * The scope of the current request: its tenant when one is bound to the
	 * {@link RequestContext}, the global scope otherwise.
	 * @return the scope
	 */
	public static CacheScope current() {
		String tenant = RequestContexts.find().map(RequestContext::tenantId).orElse(null);
		return (tenant != null) ? new CacheScope(tenant) : GLOBAL;
	}

	/**
	 * Whether this is the global scope.
	 * @return {@code true} when no tenant
	 */
	public boolean isGlobal() {
		return this.tenant == null;
	}

}
