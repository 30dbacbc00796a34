package dev.foundation.crypto;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Administration of the per-tenant data keys (envelope encryption): each tenant's data
 * key is generated on first use, stored wrapped by the active {@link MasterKeyring} key
 * in the foundation's schema, and cached unwrapped for a bounded time and count.
 * <p>
 * Tenant id {@code null} means the system's keys (data without a tenant).
 */
public interface DataKeys {

	/**
	 * Adds a new data key version for a tenant and makes it the one that encrypts; older
	 * versions keep decrypting until the re-encryption of the tenant's rows retires them.
	 * @param tenantId the tenant, {@code null} for the system
	 * @return the new version
	 * @throws KeyDestroyedException if the tenant was shredded
	 */
	int rotate(@Nullable UUID tenantId);

	/**
	 * Destroys every data key of a tenant (crypto-shredding, the GDPR erasure path): its
	 * encrypted values, and its blind indexes, become permanently unreadable, and nothing
	 * new can be encrypted for it. Other instances drop their cached copy within the
	 * cache's time to live.
	 * @param tenantId the tenant
	 */
	void shred(UUID tenantId);

	/**
	 * Returns whether a tenant's keys were destroyed.
	 * @param tenantId the tenant
	 * @return {@code true} after {@link #shred(UUID)}
	 */
	boolean isShredded(UUID tenantId);

	/**
	 * Re-wraps every stored data key that is not wrapped by the active master key under
	 * the active master key. Touches no PII row; run it after activating a new master
	 * key, then retire the old one.
	 * @return how many data keys were re-wrapped
	 */
	int rewrapAll();

}
