package dev.foundation.tenancy.rls;

import java.sql.SQLException;

/**
 * Implemented by the connections of a {@link TenantSettingCheckingDataSource}: binds a
 * transaction through the connection's own check, so that the binding statement also
 * tells whether the connection carried a leaked tenant setting (see
 * {@link TenantTransactionBinding}).
 */
interface BindingConnection {

	/**
	 * Binds the transaction that just began on this connection.
	 * @param binding the binding, empty for no tenant
	 * @throws SQLException if the binding statement fails
	 */
	void bindTransaction(String binding) throws SQLException;

}
