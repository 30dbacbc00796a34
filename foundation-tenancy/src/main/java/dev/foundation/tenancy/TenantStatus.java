package dev.foundation.tenancy;

/**
 * Whether a tenant may be served.
 */
public enum TenantStatus {

	/** The tenant is served normally. */
	ACTIVE,

	/**
	 * The tenant exists but its requests are refused (403) until it is activated again;
	 * its data is kept.
	 */
	SUSPENDED,

	/**
	 * The tenant was erased ({@link TenantDirectory#erase}): its requests are refused
	 * (403) for good and it cannot be activated again. Its row stays as a tombstone, so
	 * that its id and slug are never handed to someone else.
	 */
	ERASED

}
