package dev.foundation.crypto.internal;

import dev.foundation.tenancy.persistence.TenantScope;

/**
 * Runs the re-encryption job in tenancy's system scope, whose connections come from the
 * role that owns the tenant-owned tables and so see every tenant's rows under row-level
 * security. Loaded only when foundation-tenancy is present.
 */
public final class TenancySystemScope {

	private TenancySystemScope() {
	}

	/**
	 * Wraps work in the system scope.
	 * @param work the work
	 * @return the wrapped work
	 */
	public static Runnable wrap(Runnable work) {
		return () -> TenantScope.runAsSystem("crypto re-encryption", work);
	}

}
