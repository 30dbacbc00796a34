package dev.foundation.crypto.internal;

import dev.foundation.crypto.DataKeys;
import dev.foundation.tenancy.TenantChange;
import dev.foundation.tenancy.TenantListener;

/**
 * Destroys an erased tenant's data keys ({@code TenantDirectory.erase}): the crypto side
 * of the GDPR erasure path. Tenancy calls it after the erasure committed, and again on
 * every further {@code erase} call, so a failure here (logged by tenancy) is repaired by
 * erasing again; shredding twice is harmless.
 */
public final class TenantShredding implements TenantListener {

	private final DataKeys keys;

	/**
	 * Creates the listener.
	 * @param keys the data keys
	 */
	public TenantShredding(DataKeys keys) {
		this.keys = keys;
	}

	@Override
	public void onChange(TenantChange change) {
		if (change.kind() == TenantChange.Kind.ERASED) {
			this.keys.shred(change.tenantId());
		}
	}

}
