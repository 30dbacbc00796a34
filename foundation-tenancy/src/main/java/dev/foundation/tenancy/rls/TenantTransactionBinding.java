package dev.foundation.tenancy.rls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import dev.foundation.tenancy.persistence.TenantScope;
import org.jspecify.annotations.Nullable;

/**
 * Binds the {@linkplain TenantScope current tenant} to the transaction that just began on
 * a connection, for the row-level security policies created by {@code enable_tenant_rls}.
 * <p>
 * The binding is the tenant id with a MAC ({@link TenantBindingKey}) in the
 * transaction-local setting {@value #BINDING_SETTING}; the policies accept it only if the
 * MAC is right, so SQL run as the application role (an injection, say) can read its own
 * tenant's binding but cannot make one for another tenant. It is sent as a bind
 * parameter, so it never appears in statement text ({@code pg_stat_activity}, logs of
 * statements).
 * <p>
 * Why transaction-local ({@code set_config(name, value, true)}): the setting ends with
 * the transaction, so a pooled connection can never carry one tenant's binding into the
 * next borrower's work, and it survives transaction-mode poolers (PgBouncer, Supabase's
 * pooler) that hand each transaction a different server connection. It must run after the
 * transaction began: with autocommit on it would end with its own statement. With no
 * tenant nothing is set and the policies see none (no rows, no writes). In the
 * {@linkplain TenantScope#isSystem() system scope} nothing is set either: that scope is a
 * database role of its own ({@link SystemScopeDataSource}), not a setting.
 * <p>
 * On a connection of a {@link TenantSettingCheckingDataSource} the binding is also the
 * leak check: every transaction is bound, with an empty binding when there is no tenant
 * (which overrides anything the connection carried), and the same statement reads the
 * setting's session-level value. That is what lets the data source skip the check when
 * the connection goes back to the pool, so a transaction costs no round trip beyond its
 * own statements and this one.
 */
public final class TenantTransactionBinding {

	/** The transaction-local setting holding the current tenant's binding. */
	public static final String BINDING_SETTING = "foundation.tenant_binding";

	// One statement both binds and looks at what the connection carried before: at the
	// start of a transaction the
	// setting's value is its session-level one, which only a leak (a SET or
	// set_config(..., false)) can have made
	// non-empty. The select list is evaluated left to right, so the first column is read
	// before the second sets it.
	static final String BIND = "select current_setting('" + BINDING_SETTING + "', true), set_config('" + BINDING_SETTING
			+ "', ?, true)";

	private final Supplier<TenantBindingKey> key;

	private final LongAdder tenantBindings = new LongAdder();

	private final LongAdder emptyBindings = new LongAdder();

	private final LongAdder systemScope = new LongAdder();

	/**
	 * Creates the binding.
	 * @param key the binding key, asked for at each binding (so it may be loaded lazily)
	 */
	public TenantTransactionBinding(Supplier<TenantBindingKey> key) {
		this.key = key;
	}

	/**
	 * Binds the current tenant to the transaction running on the connection.
	 * @param connection the transaction's connection, autocommit off
	 * @throws SQLException if the setting cannot be applied
	 */
	public void bind(Connection connection) throws SQLException {
		if (TenantScope.isSystem()) {
			this.systemScope.increment();
			return;
		}
		Optional<UUID> tenant = TenantScope.currentTenant();
		(tenant.isPresent() ? this.tenantBindings : this.emptyBindings).increment();
		String binding = tenant.isPresent() ? this.key.get().binding(tenant.get()) : "";
		if (connection.isWrapperFor(BindingConnection.class)) {
			connection.unwrap(BindingConnection.class).bindTransaction(binding);
		}
		else if (tenant.isPresent()) {
			run(connection, binding);
		}
	}

	/**
	 * Returns how many transactions began so far in the given scope (the basis of the
	 * {@code foundation.tenancy.isolation.bindings} meter).
	 * @param scope the scope
	 * @return the number of transactions
	 */
	public long transactions(Scope scope) {
		return switch (scope) {
			case TENANT -> this.tenantBindings.sum();
			case NONE -> this.emptyBindings.sum();
			case SYSTEM -> this.systemScope.sum();
		};
	}

	/**
	 * Runs the binding statement.
	 * @param connection the connection, inside a transaction that has not run a statement
	 * yet
	 * @param binding the binding, empty for none
	 * @return the setting's value before, at session level: {@code null} if never set on
	 * the connection, empty if only ever set transaction-locally, anything else a leak
	 * @throws SQLException if the statement fails
	 */
	static @Nullable String run(Connection connection, String binding) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(BIND)) {
			statement.setString(1, binding);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getString(1);
			}
		}
	}

	/** In which scope a transaction began. */
	public enum Scope {

		/** With a current tenant: its binding was set. */
		TENANT("tenant"),

		/** Without a tenant: no binding (the policies show no tenant's rows). */
		NONE("none"),

		/** In the system scope: nothing set; the scope is a database role of its own. */
		SYSTEM("system");

		private final String tag;

		Scope(String tag) {
			this.tag = tag;
		}

		/**
		 * Returns the scope as a tag value.
		 * @return the tag value
		 */
		public String tag() {
			return this.tag;
		}

	}

}
