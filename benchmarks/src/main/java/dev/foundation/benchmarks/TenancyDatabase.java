package dev.foundation.benchmarks;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.tenancy.rls.TenantBindingKeys;
import dev.foundation.tenancy.rls.TenantTransactionBinding;
import dev.foundation.test.TestPostgres;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own on the benchmark's PostgreSQL
 * ({@code FOUNDATION_TEST_POSTGRES_URL}, else what {@link TestPostgres} finds), created
 * by the superuser, with the foundation schema, {@value #TENANTS} tenants of one member
 * each, and two identical tables of {@value #NOTES_PER_TENANT} notes per tenant:
 * <ul>
 * <li>{@code rls.notes}, under {@code foundation.enable_tenant_rls} (enabled, forced,
 * policy {@code tenant_isolation});</li>
 * <li>{@code plain.notes}, the same rows without row-level security.</li>
 * </ul>
 * The applications connect as {@link #appRole()}: not a superuser, without
 * {@code BYPASSRLS}, owning nothing, so row-level security applies to it. Closing drops
 * the database and the role.
 */
final class TenancyDatabase implements AutoCloseable {

	static final int TENANTS = 50;

	static final int NOTES_PER_TENANT = 20;

	static final String RLS_SCHEMA = "rls";

	static final String PLAIN_SCHEMA = "plain";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String NOTES_TABLE = "(id uuid primary key, tenant_id uuid not null, body text not null, "
			+ "created_at timestamptz not null, updated_at timestamptz not null, version bigint not null)";

	private final TestPostgres postgres = TestPostgres.shared();

	private final String database;

	private final String appRole;

	private final List<Member> members = new ArrayList<>();

	private final TenantBindingKeys keys;

	private TenancyDatabase(String memberIssuer) {
		this.database = this.postgres.createDatabase("bench_tenancy");
		this.appRole = "bench_app_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
		this.keys = new TenantBindingKeys(admin(), "foundation");
		try {
			execute("create role " + this.appRole + " login nosuperuser nobypassrls");
			new FoundationSchemaMigration(admin(), "foundation", "foundation_schema_history", "classpath:db/foundation")
				.afterPropertiesSet();
			for (String schema : List.of(RLS_SCHEMA, PLAIN_SCHEMA)) {
				execute("create schema " + schema);
				execute("create table " + schema + ".notes " + NOTES_TABLE);
				execute("create index notes_tenant_id on " + schema + ".notes (tenant_id)");
			}
			execute("select foundation.enable_tenant_rls('" + RLS_SCHEMA + ".notes')");
			execute("grant usage on schema foundation, " + RLS_SCHEMA + ", " + PLAIN_SCHEMA + " to " + this.appRole);
			execute("grant select, insert, update, delete on all tables in schema foundation, " + RLS_SCHEMA + ", "
					+ PLAIN_SCHEMA + " to " + this.appRole);
			seed(memberIssuer);
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/**
	 * Creates and fills the database.
	 * @param memberIssuer the issuer ({@code iss}) of the members' tokens
	 * @return the database
	 */
	static TenancyDatabase create(String memberIssuer) {
		return new TenancyDatabase(memberIssuer);
	}

	private void seed(String memberIssuer) {
		try (Connection connection = admin().getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement tenant = connection
				.prepareStatement("insert into foundation.tenants (id, slug, name) values (?, ?, ?)");
					PreparedStatement member = connection.prepareStatement(
							"insert into foundation.memberships (tenant_id, issuer, user_id, role) values (?, ?, ?, 'member')")) {
				for (int i = 0; i < TENANTS; i++) {
					UUID id = UUID.randomUUID();
					String user = UUID.randomUUID().toString();
					tenant.setObject(1, id);
					tenant.setString(2, "bench-" + i);
					tenant.setString(3, "Bench " + i);
					tenant.addBatch();
					member.setObject(1, id);
					member.setString(2, memberIssuer);
					member.setString(3, user);
					member.addBatch();
					this.members.add(new Member(id, "bench-" + i, user));
				}
				tenant.executeBatch();
				member.executeBatch();
			}
			try (Statement statement = connection.createStatement()) {
				// The superuser bypasses row-level security, so it can fill the protected
				// table.
				statement.execute("insert into " + RLS_SCHEMA + ".notes select gen_random_uuid(), t.id, "
						+ "'Note ' || n || ' of ' || t.name || ': call back about the renewal', "
						+ "now() - n * interval '1 minute', now(), 0 from foundation.tenants t, generate_series(1, "
						+ NOTES_PER_TENANT + ") n");
				statement.execute("insert into " + PLAIN_SCHEMA + ".notes select * from " + RLS_SCHEMA + ".notes");
			}
			connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not seed " + this.database + ": " + ex.getMessage(), ex);
		}
		execute("analyze");
	}

	/**
	 * The ids of a tenant's notes, read as the superuser.
	 * @param tenantId the tenant
	 * @return the note ids
	 */
	List<UUID> noteIds(UUID tenantId) {
		List<UUID> ids = new ArrayList<>();
		try (Connection connection = admin().getConnection();
				PreparedStatement statement = connection
					.prepareStatement("select id from " + PLAIN_SCHEMA + ".notes where tenant_id = ? order by id")) {
			statement.setObject(1, tenantId);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					ids.add(rows.getObject(1, UUID.class));
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
		return ids;
	}

	/**
	 * Counts the rows of a table the application role sees in a transaction, with a
	 * tenant bound as the foundation binds it or without one.
	 * @param table the schema-qualified table
	 * @param tenantId the tenant to bind, or {@code null} for none
	 * @return the number of visible rows
	 */
	long countAsApplication(String table, @Nullable UUID tenantId) {
		PGSimpleDataSource app = new PGSimpleDataSource();
		app.setURL(jdbcUrl());
		app.setUser(this.appRole);
		try (Connection connection = app.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				if (tenantId != null) {
					statement.execute("select set_config('" + TenantTransactionBinding.BINDING_SETTING + "', '"
							+ this.keys.get().binding(tenantId) + "', true)");
				}
				try (ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
					rows.next();
					return rows.getLong(1);
				}
			}
			finally {
				connection.rollback();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	List<Member> members() {
		return this.members;
	}

	String jdbcUrl() {
		return this.postgres.jdbcUrl(this.database);
	}

	String appRole() {
		return this.appRole;
	}

	String ownerUser() {
		return this.postgres.username();
	}

	String ownerPassword() {
		return this.postgres.password();
	}

	DataSource admin() {
		return this.postgres.dataSource(this.database);
	}

	private void execute(String sql) {
		try (Connection connection = admin().getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		try {
			// The role's privileges live in this database: drop them with it, then the
			// role.
			execute("drop owned by " + this.appRole + "; drop role if exists " + this.appRole);
		}
		catch (IllegalStateException ex) {
			System.err.println("could not drop role " + this.appRole + ": " + ex.getMessage());
		}
		finally {
			this.postgres.dropDatabase(this.database);
		}
	}

	/**
	 * A tenant and its one member.
	 *
	 * @param tenantId the tenant's id
	 * @param slug the tenant's slug
	 * @param userId the member's user id (the token's {@code sub})
	 */
	record Member(UUID tenantId, String slug, String userId) {
	}

}
