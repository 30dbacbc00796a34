package dev.foundation.tenancy.rls;

import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.sql.SQLException;
import java.sql.ShardingKey;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source whose connections are checked for a tenant binding
 * ({@value TenantTransactionBinding#BINDING_SETTING}) that survives outside a
 * transaction: one set at session level (a {@code SET} or {@code set_config(..., false)}
 * instead of the foundation's transaction-local binding), which would reach the next
 * borrower of the connection. Such a connection is counted, logged and neutralised:
 * evicted from a Hikari pool, otherwise its settings are reset.
 * <p>
 * What it costs: nothing for a borrow whose SQL ran inside transactions bound by the
 * foundation, since their binding statement is the check; one round trip when a
 * connection that ran other SQL goes back to the pool (see
 * {@link TenantSettingCheckingConnection}). Connections of a database other than
 * PostgreSQL are not checked. {@link #unwrap(Class)} reaches the pool, so Boot's pool
 * metrics, health and JMX still see a {@code HikariDataSource}.
 */
public class TenantSettingCheckingDataSource extends DelegatingDataSource {

	private final ReturnedConnectionCheck check;

	/**
	 * Wraps a data source.
	 * @param pool the data source (normally a connection pool) to check the connections
	 * of
	 * @param counts where checks, leaks and failures are counted
	 */
	public TenantSettingCheckingDataSource(DataSource pool, TenantSettingLeakCounts counts) {
		super(pool);
		this.check = new ReturnedConnectionCheck(ConnectionEviction.of(pool), counts);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return TenantSettingCheckingConnection.wrap(obtainTargetDataSource().getConnection(), this.check);
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return TenantSettingCheckingConnection.wrap(obtainTargetDataSource().getConnection(username, password),
				this.check);
	}

	@Override
	public ConnectionBuilder createConnectionBuilder() throws SQLException {
		ConnectionBuilder builder = obtainTargetDataSource().createConnectionBuilder();
		return new ConnectionBuilder() {

			@Override
			public ConnectionBuilder user(String username) {
				builder.user(username);
				return this;
			}

			@Override
			public ConnectionBuilder password(String password) {
				builder.password(password);
				return this;
			}

			@Override
			public ConnectionBuilder shardingKey(ShardingKey shardingKey) {
				builder.shardingKey(shardingKey);
				return this;
			}

			@Override
			public ConnectionBuilder superShardingKey(ShardingKey superShardingKey) {
				builder.superShardingKey(superShardingKey);
				return this;
			}

			@Override
			public Connection build() throws SQLException {
				return TenantSettingCheckingConnection.wrap(builder.build(),
						TenantSettingCheckingDataSource.this.check);
			}

		};
	}

	/**
	 * Unwrapping to {@code DataSource} itself answers the wrapped pool rather than this
	 * wrapper. Why: Boot derives data sources from the application's (Flyway's with
	 * {@code spring.flyway.user}, for instance) by unwrapping {@code DataSource} until it
	 * reaches one whose URL it can read, and this wrapper has none of its own.
	 */
	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		if (iface == DataSource.class) {
			return iface.cast(obtainTargetDataSource());
		}
		return super.unwrap(iface);
	}

}
