package dev.foundation.tenancy.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of tenant isolation: the transaction-local tenant binding for row-level
 * security, Hibernate's tenant restriction of tenant-owned entities, the startup
 * self-check (also behind the tenantIsolation health component) and the check of
 * connections returned to the pool.
 */
@ConfigurationProperties("foundation.tenancy.isolation")
public class TenantIsolationProperties {

	/**
	 * Whether the current tenant is bound to every transaction (for row-level security)
	 * and to Hibernate sessions (for entities extending TenantOwnedEntity).
	 */
	private boolean enabled = true;

	/**
	 * What a failed startup check of row-level security on the tables of tenant-owned
	 * entities does: 'fail' stops startup, 'warn' logs (and the tenantIsolation health
	 * component reports DOWN), 'off' skips the check (the health component reports
	 * UNKNOWN).
	 */
	private SelfCheck selfCheck = SelfCheck.FAIL;

	/**
	 * How long the tenantIsolation health component reuses the last self-check result
	 * (the startup check's at first) before checking the catalog again.
	 */
	private Duration selfCheckMaxAge = Duration.ofSeconds(30);

	/**
	 * Check of connections returned to the pool for tenant settings that survive outside
	 * a transaction.
	 */
	private final ConnectionCheck connectionCheck = new ConnectionCheck();

	/**
	 * Whether query methods declared on Spring Data repositories run in a read-only
	 * transaction when called outside one, so that the tenant is bound for row-level
	 * security (Spring Data makes only its own CRUD methods transactional).
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

	public Duration getSelfCheckMaxAge() {
		return this.selfCheckMaxAge;
	}

	public void setSelfCheckMaxAge(Duration selfCheckMaxAge) {
		this.selfCheckMaxAge = selfCheckMaxAge;
	}

	public ConnectionCheck getConnectionCheck() {
		return this.connectionCheck;
	}

	/** Check of connections returned to the pool. */
	public static class ConnectionCheck {

		/**
		 * Whether connections are checked for a tenant setting made at session level,
		 * which is counted, logged and neutralised (evicted from a Hikari pool, otherwise
		 * reset). Free for transactions the foundation binds (their binding statement is
		 * the check); one round trip when a connection that ran other SQL is returned.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

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
