package dev.foundation.tenancy.rls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import dev.foundation.tenancy.persistence.TenantScope;

/**
 * Binds the {@linkplain TenantScope current tenant} to the transaction that just began on a connection, for the
 * row-level security policies created by {@code enable_tenant_rls}.
 * <p>
 * Why transaction-local ({@code set_config(name, value, true)}): the setting ends with the transaction, so a pooled
 * connection can never carry one tenant's setting into the next borrower's work, and it survives transaction-mode
 * poolers (PgBouncer, Supabase's pooler) that hand each transaction a different server connection. It must run after
 * the transaction began: with autocommit on it would end with its own statement. With no tenant nothing is set and
 * the policies see none (no rows, no writes).
 */
public final class TenantTransactionBinding {

	/** The transaction-local setting holding the current tenant's id. */
	public static final String TENANT_SETTING = "foundation.tenant_id";

	/** The transaction-local setting that is {@value #SYSTEM_SCOPE} in the system scope. */
	public static final String SCOPE_SETTING = "foundation.tenant_scope";

	/** The value of {@value #SCOPE_SETTING} in the system scope. */
	public static final String SYSTEM_SCOPE = "system";

	private TenantTransactionBinding() {
	}

	/**
	 * Binds the current tenant (or the system scope) to the transaction running on the connection.
	 * @param connection the transaction's connection, autocommit off
	 * @throws SQLException if the setting cannot be applied
	 */
	public static void bind(Connection connection) throws SQLException {
		if (TenantScope.isSystem()) {
			apply(connection, SCOPE_SETTING, SYSTEM_SCOPE);
			return;
		}
		Optional<UUID> tenant = TenantScope.currentTenant();
		if (tenant.isPresent()) {
			apply(connection, TENANT_SETTING, tenant.get().toString());
		}
	}

	private static void apply(Connection connection, String setting, String value) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select set_config(?, ?, true)")) {
			statement.setString(1, setting);
			statement.setString(2, value);
			statement.execute();
		}
	}

}
