package dev.foundation.tenancy.rls;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * The JDBC transaction manager (with Spring's exception translation, as Boot configures
 * it) that binds the current tenant to every transaction right after it began (see
 * {@link TenantTransactionBinding}).
 */
public class TenantBindingDataSourceTransactionManager extends JdbcTransactionManager {

	private static final long serialVersionUID = 1L;

	private final transient TenantTransactionBinding binding;

	/**
	 * Creates the transaction manager.
	 * @param dataSource the data source whose transactions it manages
	 * @param binding what binds the tenant
	 */
	public TenantBindingDataSourceTransactionManager(DataSource dataSource, TenantTransactionBinding binding) {
		super(dataSource);
		this.binding = binding;
	}

	@Override
	protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
			throws SQLException {
		super.prepareTransactionalConnection(connection, definition);
		this.binding.bind(connection);
	}

}
