package dev.foundation.tenancy.rls;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.foundation.tenancy.persistence.TenantScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * PostgreSQL row-level security on its own (no ORM), through {@code enable_tenant_rls}
 * and the tenant-binding JDBC transaction manager, connecting as an application role that
 * is neither superuser nor owner.
 */
class RowLevelSecurityIntegrationTests {

	private static final UUID TENANT_A = UUID.randomUUID();

	private static final UUID TENANT_B = UUID.randomUUID();

	private static final UUID TENANT_C = UUID.randomUUID();

	private static RlsTestDatabase database;

	@BeforeAll
	static void createDatabase() {
		database = RlsTestDatabase.create("rls");
		database.createTenantTable("create table notes (id uuid primary key, tenant_id uuid not null, body text)",
				"notes");
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	@BeforeEach
	void seed() {
		database.execute("truncate notes");
		StringBuilder insert = new StringBuilder("insert into notes values ");
		int[] counts = { 3, 2, 1 };
		UUID[] tenants = { TENANT_A, TENANT_B, TENANT_C };
		for (int t = 0; t < tenants.length; t++) {
			for (int i = 0; i < counts[t]; i++) {
				insert.append("('").append(UUID.randomUUID()).append("','").append(tenants[t]).append("','n'),");
			}
		}
		database.execute(insert.substring(0, insert.length() - 1));
	}

	@Test
	void rlsHidesOtherTenantsRowsFromRawJdbc() throws Exception {
		// No ORM, no WHERE clause: only the policy stands between tenants.
		try (Connection connection = database.app().getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute(
						"select set_config('foundation.tenant_binding', '" + database.bindingOf(TENANT_B) + "', true)");
				assertThat(tenants(statement)).hasSize(2).containsOnly(TENANT_B);
			}
			connection.commit();
		}
		Tx tx = new Tx(database.app());
		assertThat(TenantScope.call(TENANT_A, () -> tx.tenantIds())).hasSize(3).containsOnly(TENANT_A);
		assertThat(TenantScope.call(TENANT_A, () -> tx.update("update notes set body = 'x'"))).isEqualTo(3);
		assertThat(TenantScope.call(TENANT_A, () -> tx.update("delete from notes"))).isEqualTo(3);
		assertThat(count(database.admin(), "select count(*) from notes")).isEqualTo(3);
	}

	@Test
	void insertWithForeignTenantIdIsRejected() {
		Tx tx = new Tx(database.app());
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> TenantScope.run(TENANT_A,
					() -> tx.update("insert into notes values (?, ?, 'x')", UUID.randomUUID(), TENANT_B)))
			.havingRootCause()
			.withMessageContaining("row-level security");
		// Moving an own row into another tenant is a write into that tenant too.
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> TenantScope.run(TENANT_A, () -> tx.update("update notes set tenant_id = ?", TENANT_B)))
			.havingRootCause()
			.withMessageContaining("row-level security");
		assertThat(TenantScope.call(TENANT_A,
				() -> tx.update("insert into notes values (?, ?, 'x')", UUID.randomUUID(), TENANT_A)))
			.isEqualTo(1);
		assertThat(count(database.admin(), "select count(*) from notes where tenant_id = '" + TENANT_B + "'"))
			.isEqualTo(2);
	}

	@Test
	void noTenantSeesNoRowsAndCannotWrite() throws Exception {
		Tx tx = new Tx(database.app());
		assertThat(tx.count()).isZero();
		assertThat(tx.update("delete from notes")).isZero();
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> tx.update("insert into notes values (?, ?, 'x')", UUID.randomUUID(), TENANT_A))
			.havingRootCause()
			.withMessageContaining("row-level security");
		// Outside any transaction (autocommit) nothing was bound either.
		assertThat(count(database.app(), "select count(*) from notes")).isZero();
		// A setting made with autocommit on ends with its own statement.
		try (Connection connection = database.app().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(
					"select set_config('foundation.tenant_binding', '" + database.bindingOf(TENANT_A) + "', true)");
			assertThat(tenants(statement)).isEmpty();
		}
		assertThat(count(database.admin(), "select count(*) from notes")).isEqualTo(6);
	}

	@Test
	void systemScopeSeesAll() {
		Tx tx = new Tx(database.app());
		assertThat(TenantScope.callAsSystem("test: count every tenant's notes", () -> tx.count())).isEqualTo(6);
		assertThat(TenantScope.callAsSystem("test: insert for tenant C",
				() -> tx.update("insert into notes values (?, ?, 'x')", UUID.randomUUID(), TENANT_C)))
			.isEqualTo(1);
		// A tenant scope inside the system scope is that tenant only.
		assertThat(TenantScope.callAsSystem("test: nested", () -> TenantScope.call(TENANT_C, () -> tx.count())))
			.isEqualTo(2);
		assertThat(TenantScope.isSystem()).isFalse();
	}

	@Test
	void scopeCannotChangeInsideATransaction() {
		Tx tx = new Tx(database.app());
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> TenantScope.run(TENANT_A,
				() -> tx.transactions.executeWithoutResult((status) -> TenantScope.call(TENANT_B, () -> 0))));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> TenantScope.run(TENANT_A,
				() -> tx.transactions.executeWithoutResult((status) -> TenantScope.callAsSystem("test", () -> 0))));
	}

	@Test
	void tenantBoundInOneTransactionNeverReachesTheNextBorrowerOfThePool() {
		Tx tx = new Tx(database.appPool(1));
		UUID[] tenants = { TENANT_A, TENANT_B, TENANT_C };
		int[] expected = { 3, 2, 1 };
		int iterations = 12_000;
		long rowsRead = 0;
		long wrongTenantRows = 0;
		long noTenantRows = 0;
		int tenantRequests = 0;
		int noTenantRequests = 0;
		for (int i = 0; i < iterations; i++) {
			int slot = i % 5;
			if (slot < 3) {
				UUID tenant = tenants[slot];
				List<UUID> seen = TenantScope.call(tenant, () -> tx.tenantIds());
				rowsRead += seen.size();
				wrongTenantRows += seen.stream().filter((id) -> !id.equals(tenant)).count();
				assertThat(seen).hasSize(expected[slot]);
				tenantRequests++;
			}
			else if (slot == 3) {
				noTenantRows += tx.tenantIds().size();
				noTenantRequests++;
			}
			else {
				// No tenant and no transaction: autocommit on the same pooled connection.
				noTenantRows += tx.jdbc.queryForList("select tenant_id from notes").size();
				noTenantRequests++;
			}
		}
		System.out.printf(
				"[rls] pool-leak test: %d requests (%d with a tenant, %d without), %d rows read, "
						+ "%d rows of a wrong tenant, %d rows seen without a tenant%n",
				iterations, tenantRequests, noTenantRequests, rowsRead, wrongTenantRows, noTenantRows);
		assertThat(wrongTenantRows).isZero();
		assertThat(noTenantRows).isZero();
		assertThat(tenantRequests + noTenantRequests).isGreaterThanOrEqualTo(10_000);
	}

	@Test
	void helperRejectsAMissingTenantColumnAndQuotesNames() {
		database.execute("create table \"Odd Name\" (id int primary key, owner_tenant uuid)");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> database.execute("select foundation.enable_tenant_rls('\"Odd Name\"')"))
			.withMessageContaining("has no column");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> database
				.execute("select foundation.enable_tenant_rls('\"Odd Name\"', 'owner_tenant); drop table notes; --')"))
			.withMessageContaining("has no column");
		database.execute("select foundation.enable_tenant_rls('\"Odd Name\"', 'owner_tenant')");
		assertThat(count(database.admin(), "select count(*) from pg_policies where tablename = 'Odd Name' "
				+ "and policyname = 'tenant_isolation'"))
			.isEqualTo(1);
		assertThat(count(database.admin(), "select count(*) from notes")).isEqualTo(6);
	}

	@Test
	void selfCheckAcceptsProtectedTableForApplicationRole() throws Exception {
		assertThat(new TenantIsolationSelfCheck(database.app()).check(List.of("notes"))).isEmpty();
	}

	@Test
	void selfCheckFailsForTableWithoutRls() throws Exception {
		database.execute("create table plain_notes (id uuid primary key, tenant_id uuid not null)");
		database.grant("plain_notes");
		assertThat(new TenantIsolationSelfCheck(database.app()).check(List.of("plain_notes", "missing_table")))
			.anySatisfy((problem) -> assertThat(problem).contains("plain_notes")
				.contains("row-level security enabled")
				.contains("enable_tenant_rls('plain_notes')"))
			.anySatisfy(
					(problem) -> assertThat(problem).contains("plain_notes").contains("no row-level security policy"))
			.anySatisfy((problem) -> assertThat(problem).contains("missing_table").contains("does not exist"));
		database.execute("alter table plain_notes enable row level security");
		assertThat(new TenantIsolationSelfCheck(database.app()).check(List.of("plain_notes")))
			.anySatisfy((problem) -> assertThat(problem).contains("not forced"));
	}

	@Test
	void selfCheckReadsEveryTableInOneQueryAndReportsInTheGivenOrder() throws Exception {
		database.execute("create table \"Quoted Notes\" (id uuid primary key, tenant_id uuid not null);"
				+ "select foundation.enable_tenant_rls('\"Quoted Notes\"')");
		database.grant("\"Quoted Notes\"");
		assertThat(new TenantIsolationSelfCheck(database.app())
			.check(List.of("missing_one", "notes", "\"Quoted Notes\"", "public.missing_two"))).hasSize(2)
			.satisfiesExactly((first) -> assertThat(first).startsWith("table missing_one does not exist"),
					(second) -> assertThat(second).startsWith("table public.missing_two does not exist"));
		assertThat(new TenantIsolationSelfCheck(database.app()).check(List.of())).isEmpty();
	}

	@Test
	void selfCheckFailsWhenConnectedAsOwnerOrSuperuser() throws Exception {
		String owner = database.createRole("owner");
		database.execute("create table owned_notes (id uuid primary key, tenant_id uuid not null);"
				+ "select foundation.enable_tenant_rls('owned_notes');" + "alter table owned_notes owner to " + owner);
		assertThat(new TenantIsolationSelfCheck(database.as(owner)).check(List.of("owned_notes")))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("role " + owner + " owns table owned_notes");
		// Said once, not once per table.
		assertThat(new TenantIsolationSelfCheck(database.admin()).check(List.of("owned_notes", "notes")))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("is a superuser");
		String bypass = database.createRole("bypass");
		database.execute("alter role " + bypass + " bypassrls");
		database.execute("grant select on notes to " + bypass);
		assertThat(new TenantIsolationSelfCheck(database.as(bypass)).check(List.of("owned_notes", "notes")))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("has BYPASSRLS");
	}

	@Test
	void selfCheckFlagsAPermissivePolicyAddedFromADashboard() throws Exception {
		database.execute("create policy dashboard_read on notes as permissive for select using (true)");
		try {
			assertThat(new TenantIsolationSelfCheck(database.app()).check(List.of("notes")))
				.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
				.contains("other permissive policies")
				.contains("dashboard_read");
			// It does what the check says: the application role sees every tenant's
			// notes.
			assertThat(TenantScope.call(TENANT_A, () -> new Tx(database.app()).count())).isEqualTo(6);
		}
		finally {
			database.execute("drop policy dashboard_read on notes");
		}
		// A restrictive policy narrows, it cannot widen: not a problem.
		database.execute("create policy only_short on notes as restrictive for select using (length(body) < 100)");
		try {
			assertThat(new TenantIsolationSelfCheck(database.app()).check(List.of("notes"))).isEmpty();
		}
		finally {
			database.execute("drop policy only_short on notes");
		}
	}

	@Test
	void selfCheckFlagsANoinheritMemberOfTheOwnerWhoCanSetRole() throws Exception {
		String owner = database.createRole("tableowner");
		String member = database.createRole("member");
		database.execute("create table member_notes (id uuid primary key, tenant_id uuid not null);"
				+ "alter table member_notes owner to " + owner + ";"
				+ "select foundation.enable_tenant_rls('member_notes');" + "alter role " + member + " noinherit;"
				+ "grant " + owner + " to " + member + ";" + "grant usage on schema foundation to " + member);
		assertThat(new TenantIsolationSelfCheck(database.as(member)).check(List.of("member_notes")))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("role " + member + " owns table member_notes")
			.contains("SET ROLE");
	}

	@Test
	void selfCheckFlagsAPolicyOnASettingInsteadOfTheBinding() throws Exception {
		database.execute("create table guc_notes (id uuid primary key, tenant_id uuid not null);"
				+ "alter table guc_notes enable row level security; alter table guc_notes force row level security;"
				+ "create policy tenant_isolation on guc_notes using "
				+ "(tenant_id = current_setting('app.tenant', true)::uuid)");
		database.grant("guc_notes");
		assertThat(new TenantIsolationSelfCheck(database.app()).check(List.of("guc_notes")))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("no tenant_isolation policy checking the foundation's tenant binding");
	}

	@Test
	void migrationMovesTablesOfTheSettingBasedPolicyToTheBinding() throws Exception {
		// A table put under the earlier policy (what enable_tenant_rls created before the
		// binding existed).
		RlsTestDatabase old = RlsTestDatabase.create("rlsupgrade");
		try {
			old.execute("delete from foundation.foundation_schema_history where version = '2.6';"
					+ "drop function foundation.bound_tenant(); drop schema foundation_private cascade;"
					+ "create table old_notes (id uuid primary key, tenant_id uuid not null);"
					+ "alter table old_notes enable row level security; alter table old_notes force row level security;"
					+ "create policy tenant_isolation on old_notes as permissive for all using ((tenant_id = "
					+ "(nullif(current_setting('foundation.tenant_id', true), ''))::uuid) or "
					+ "(current_setting('foundation.tenant_scope', true) = 'system'))");
			old.migration().afterPropertiesSet();
			old.grant("old_notes");
			assertThat(new TenantIsolationSelfCheck(old.app()).check(List.of("old_notes"))).isEmpty();
			assertThat(count(old.admin(), "select count(*) from pg_policies where tablename = 'old_notes' "
					+ "and qual like '%bound_tenant()%'"))
				.isOne();
		}
		finally {
			old.close();
		}
	}

	private static List<UUID> tenants(Statement statement) throws Exception {
		List<UUID> tenants = new java.util.ArrayList<>();
		try (ResultSet result = statement.executeQuery("select tenant_id from notes")) {
			while (result.next()) {
				tenants.add(result.getObject(1, UUID.class));
			}
		}
		return tenants;
	}

	private static int count(DataSource dataSource, String sql) {
		Integer count = new JdbcTemplate(dataSource).queryForObject(sql, Integer.class);
		return (count != null) ? count : -1;
	}

	/**
	 * Transactions through the tenant-binding transaction manager, as the JDBC-only
	 * auto-configuration wires it.
	 */
	private static final class Tx {

		final JdbcTemplate jdbc;

		final TransactionTemplate transactions;

		Tx(DataSource application) {
			DataSource dataSource = database.routed(application);
			this.jdbc = new JdbcTemplate(dataSource);
			this.transactions = new TransactionTemplate(
					new TenantBindingDataSourceTransactionManager(dataSource, database.binding()));
		}

		List<UUID> tenantIds() {
			return this.transactions
				.execute((status) -> this.jdbc.queryForList("select tenant_id from notes", UUID.class));
		}

		int count() {
			return this.transactions
				.execute((status) -> this.jdbc.queryForObject("select count(*) from notes", Integer.class));
		}

		int update(String sql, Object... args) {
			return this.transactions.execute((status) -> this.jdbc.update(sql, args));
		}

	}

}
