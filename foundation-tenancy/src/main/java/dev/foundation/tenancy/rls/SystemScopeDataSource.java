package dev.foundation.tenancy.rls;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.foundation.tenancy.persistence.TenantScope;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's data source, except in the {@linkplain TenantScope#isSystem() system
 * scope}, where connections come from the role that owns the tables (the migration role).
 * <p>
 * Why a role and not a setting: the policy {@code tenant_system_scope} created by
 * {@code enable_tenant_rls} grants every row to the table's owner only. A setting could
 * be changed by any statement the application role runs (an SQL injection, say);
 * membership of another role cannot, as long as the application role is no member of the
 * owner, which the startup self-check verifies. The system scope is for rare cross-tenant
 * work (migrations of data, reports, administration): its connections are opened for each
 * transaction, not pooled.
 */
public class SystemScopeDataSource extends DelegatingDataSource {

	private final Supplier<DataSource> system;

	/**
	 * Wraps the application's data source.
	 * @param application the application's data source (its role owns nothing)
	 * @param system the data source of the role that owns the tenant-owned tables, asked
	 * for at each system-scope connection
	 */
	public SystemScopeDataSource(DataSource application, Supplier<DataSource> system) {
		super(application);
		this.system = system;
	}

	@Override
	public Connection getConnection() throws SQLException {
		if (TenantScope.isSystem()) {
			return this.system.get().getConnection();
		}
		return obtainTargetDataSource().getConnection();
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		if (TenantScope.isSystem()) {
			return this.system.get().getConnection();
		}
		return obtainTargetDataSource().getConnection(username, password);
	}

	/**
	 * Unwrapping to {@code DataSource} answers the application's data source, so that
	 * Boot can derive other data sources from it (see
	 * {@link TenantSettingCheckingDataSource#unwrap(Class)}).
	 */
	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		if (iface == DataSource.class) {
			return iface.cast(obtainTargetDataSource());
		}
		return super.unwrap(iface);
	}

}
