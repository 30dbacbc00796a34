package dev.foundation.tenancy.rls;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.test.TestPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database with the foundation schema migrated and tables under row-level
 * security, created by the superuser, plus an application role that is neither superuser
 * nor owner: superusers and owners bypass RLS, so only such a role proves anything.
 */
public final class RlsTestDatabase implements AutoCloseable {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final TestPostgres postgres = TestPostgres.shared();

	private final String database;

	private final String appRole;

	private final List<String> roles = new ArrayList<>();

	private final List<HikariDataSource> pools = new ArrayList<>();

	private final TenantBindingKeys keys;

	private RlsTestDatabase(String prefix) {
		this.database = this.postgres.createDatabase(prefix);
		this.appRole = createRole("app");
		new FoundationSchemaMigration(admin(), "foundation", "foundation_schema_history", "classpath:db/foundation")
			.afterPropertiesSet();
		execute("grant usage on schema public, foundation to " + this.appRole);
		this.keys = new TenantBindingKeys(admin(), "foundation");
	}

	/**
	 * Creates the database and the application role.
	 * @param prefix the database name prefix
	 * @return the database
	 */
	public static RlsTestDatabase create(String prefix) {
		return new RlsTestDatabase(prefix);
	}

	/**
	 * Creates a login role of its own (dropped on close).
	 * @param prefix the start of its name
	 * @return the role name
	 */
	public String createRole(String prefix) {
		String role = prefix + "_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
		execute("create role " + role + " login nosuperuser nobypassrls");
		this.roles.add(role);
		return role;
	}

	/**
	 * Creates a tenant-owned table as the superuser, puts it under RLS with the
	 * foundation's helper and grants the application role DML on it.
	 * @param ddl the create table statement
	 * @param table the table name
	 */
	public void createTenantTable(String ddl, String table) {
		execute(ddl);
		execute("select foundation.enable_tenant_rls('" + table + "')");
		grant(table);
	}

	/**
	 * Grants the application role select, insert, update and delete.
	 * @param table the table
	 */
	public void grant(String table) {
		execute("grant select, insert, update, delete on " + table + " to " + this.appRole);
	}

	/**
	 * Runs SQL as the superuser.
	 * @param sql the statements
	 */
	public void execute(String sql) {
		try (Connection connection = admin().getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

	public String database() {
		return this.database;
	}

	public String appRole() {
		return this.appRole;
	}

	public String jdbcUrl() {
		return this.postgres.jdbcUrl(this.database);
	}

	/**
	 * The foundation's migration as the superuser, as its auto-configuration would
	 * register it with a migration role: the owner's data source for the binding key and
	 * the system scope (migrating again changes nothing).
	 */
	public FoundationSchemaMigration migration() {
		return new FoundationSchemaMigration(admin(), "foundation", "foundation_schema_history",
				"classpath:db/foundation");
	}

	/** The binding key, read as the superuser (the application role cannot). */
	public TenantBindingKeys keys() {
		return this.keys;
	}

	/** Binds tenants with this database's key. */
	public TenantTransactionBinding binding() {
		return new TenantTransactionBinding(this.keys::get);
	}

	/** The value of {@code foundation.tenant_binding} that binds the tenant. */
	public String bindingOf(java.util.UUID tenant) {
		return this.keys.get().binding(tenant);
	}

	/** Connections as the application role, or as the superuser in the system scope. */
	public DataSource routed(DataSource application) {
		return new SystemScopeDataSource(application, this::admin);
	}

	/** Connections as the superuser (bypasses RLS). */
	public DataSource admin() {
		return this.postgres.dataSource(this.database);
	}

	/** Unpooled connections as the application role. */
	public DataSource app() {
		return as(this.appRole);
	}

	/** Unpooled connections as the given role (trust authentication, no password). */
	public DataSource as(String role) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(jdbcUrl());
		dataSource.setUser(role);
		return dataSource;
	}

	/**
	 * A Hikari pool of the given size connecting as the application role (closed on
	 * close).
	 */
	public HikariDataSource appPool(int size) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(jdbcUrl());
		pool.setUsername(this.appRole);
		pool.setMaximumPoolSize(size);
		pool.setMinimumIdle(size);
		this.pools.add(pool);
		return pool;
	}

	@Override
	public void close() {
		this.pools.forEach(HikariDataSource::close);
		for (String role : this.roles) {
			try {
				execute("drop owned by " + role + "; drop role if exists " + role);
			}
			catch (IllegalStateException ex) {
				System.err.println("could not drop role " + role + ": " + ex.getMessage());
			}
		}
		this.postgres.dropDatabase(this.database);
	}

}
