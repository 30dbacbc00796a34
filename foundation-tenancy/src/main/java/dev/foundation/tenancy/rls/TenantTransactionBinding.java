package dev.foundation.tenancy.rls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.foundation.tenancy.persistence.TenantScope;

/**
 * Binds the {@linkplain TenantScope current tenant} to the transaction that just began on a connection, for the
 * row-level security policies created by {@code enable_tenant_rls}.
 * <p>
 * The binding is the tenant id with a MAC ({@link TenantBindingKey}) in the transaction-local setting
 * {@value #BINDING_SETTING}; the policies accept it only if the MAC is right, so SQL run as the application role (an
 * injection, say) can read its own tenant's binding but cannot make one for another tenant. It is sent as a bind
 * parameter, so it never appears in statement text ({@code pg_stat_activity}, logs of statements).
 * <p>
 * Why transaction-local ({@code set_config(name, value, true)}): the setting ends with the transaction, so a pooled
 * connection can never carry one tenant's binding into the next borrower's work, and it survives transaction-mode
 * poolers (PgBouncer, Supabase's pooler) that hand each transaction a different server connection. It must run after
 * the transaction began: with autocommit on it would end with its own statement. With no tenant nothing is set and
 * the policies see none (no rows, no writes). In the {@linkplain TenantScope#isSystem() system scope} nothing is set
 * either: that scope is a database role of its own ({@link SystemScopeDataSource}), not a setting.
 */
public final class TenantTransactionBinding {

	/** The transaction-local setting holding the current tenant's binding. */
	public static final String BINDING_SETTING = "foundation.tenant_binding";

	private final Supplier<TenantBindingKey> key;

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
			return;
		}
		Optional<UUID> tenant = TenantScope.currentTenant();
		if (tenant.isPresent()) {
			try (PreparedStatement statement = connection.prepareStatement("select set_config(?, ?, true)")) {
				statement.setString(1, BINDING_SETTING);
				statement.setString(2, this.key.get().binding(tenant.get()));
				statement.execute();
			}
		}
	}

}
