package dev.foundation.tenancy.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of tenant isolation: the transaction-local tenant binding for row-level security, Hibernate's tenant
 * restriction of tenant-owned entities, and the startup self-check.
 */
@ConfigurationProperties("foundation.tenancy.isolation")
public class TenantIsolationProperties {

	/**
	 * Whether the current tenant is bound to every transaction (for row-level security) and to Hibernate sessions
	 * (for entities extending TenantOwnedEntity).
	 */
	private boolean enabled = true;

	/**
	 * What a failed startup check of row-level security on the tables of tenant-owned entities does: 'fail' stops
	 * startup, 'warn' logs, 'off' skips the check.
	 */
	private SelfCheck selfCheck = SelfCheck.FAIL;

	/**
	 * Whether query methods declared on Spring Data repositories run in a read-only transaction when called outside
	 * one, so that the tenant is bound for row-level security (Spring Data makes only its own CRUD methods
	 * transactional).
	 */
	private boolean transactionalQueryMethods = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isTransactionalQueryMethods() {
		return this.transactionalQueryMethods;
	}

	public void setTransactionalQueryMethods(boolean transactionalQueryMethods) {
		this.transactionalQueryMethods = transactionalQueryMethods;
	}

	public SelfCheck getSelfCheck() {
		return this.selfCheck;
	}

	public void setSelfCheck(SelfCheck selfCheck) {
		this.selfCheck = selfCheck;
	}

	/** What a failed isolation self-check does. */
	public enum SelfCheck {

		/** Stop startup. */
		FAIL,

		/** Log a warning and start. */
		WARN,

		/** Skip the check. */
		OFF

	}

}
