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
	SUSPENDED

}
