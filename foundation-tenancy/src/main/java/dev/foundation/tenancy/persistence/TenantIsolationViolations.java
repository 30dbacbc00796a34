package dev.foundation.tenancy.persistence;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of what the tenant scope refused because it would have crossed tenants: the
 * basis of the {@code foundation.tenancy.isolation.violations} meter. A non-zero count is
 * a bug (or an attack) in the application, never a client error.
 * <p>
 * The counts are of this class loader (the refusals happen in entity callbacks and static
 * scope methods, outside any Spring context).
 */
public final class TenantIsolationViolations {

	private static final LongAdder[] COUNTS = new LongAdder[Kind.values().length];

	static {
		for (Kind kind : Kind.values()) {
			COUNTS[kind.ordinal()] = new LongAdder();
		}
	}

	private TenantIsolationViolations() {
	}

	/**
	 * Returns how many refusals of a kind there were.
	 * @param kind the kind
	 * @return the count since the class was loaded
	 */
	public static long count(Kind kind) {
		return COUNTS[kind.ordinal()].sum();
	}

	static void record(Kind kind) {
		COUNTS[kind.ordinal()].increment();
	}

	/** What was refused. */
	public enum Kind {

		/** Persisting an entity that carries another tenant's id. */
		OTHER_TENANT("other-tenant"),

		/** Persisting a tenant-owned entity without a current tenant. */
		NO_TENANT("no-tenant"),

		/** Persisting a tenant-owned entity in the system scope. */
		SYSTEM_SCOPE("system-scope"),

		/**
		 * Switching tenant, or entering the system scope, inside a running transaction
		 * (bound to the tenant it began with).
		 */
		SWITCH_IN_TRANSACTION("switch-in-transaction");

		private final String tag;

		Kind(String tag) {
			this.tag = tag;
		}

		/**
		 * Returns the kind as a tag value.
		 * @return the tag value
		 */
		public String tag() {
			return this.tag;
		}

	}

}
