package dev.foundation.tenancy.rls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
 * What an SQL injection can do inside tenant A's transaction, running any statement as
 * the application role: it must neither read nor write one row of tenant B, nor enter the
 * system scope. The tables are owned by a role of their own (not a superuser), as in
 * production, and the application role is no member of it.
 */
class RowLevelSecurityAttackIntegrationTests {

	private static final UUID TENANT_A = UUID.randomUUID();

	private static final UUID TENANT_B = UUID.randomUUID();

	private static RlsTestDatabase database;

	private static String owner;

	private static JdbcTemplate jdbc;

	private static TransactionTemplate transactions;

	@BeforeAll
	static void createDatabase() {
		database = RlsTestDatabase.create("rlsattack");
		owner = database.createRole("owner");
		database.execute("create table secrets (id uuid primary key, tenant_id uuid not null, body text);"
				+ "create index on secrets (tenant_id);" + "alter table secrets owner to " + owner + ";"
				+ "select foundation.enable_tenant_rls('secrets')");
		database.grant("secrets");
		DataSource dataSource = database.routed(database.app());
		jdbc = new JdbcTemplate(dataSource);
		transactions = new TransactionTemplate(
				new TenantBindingDataSourceTransactionManager(dataSource, database.binding()));
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	@BeforeEach
	void seed() {
		database.execute("truncate secrets; insert into secrets values ('" + UUID.randomUUID() + "', '" + TENANT_A
				+ "', 'a'), ('" + UUID.randomUUID() + "', '" + TENANT_B + "', 'b1'), ('" + UUID.randomUUID() + "', '"
				+ TENANT_B + "', 'b2')");
	}

	@Test
	void setConfigWithAForgedBindingShowsNoRowOfTheOtherTenant() {
		String bindingOfA = database.bindingOf(TENANT_A);
		String macOfA = bindingOfA.substring(bindingOfA.indexOf('.') + 1);
		List<String> forgeries = List.of(TENANT_B + "." + macOfA, TENANT_B + "." + "0".repeat(64), TENANT_B.toString(),
				TENANT_B + ".", TENANT_B + "." + macOfA.toUpperCase(), TENANT_B + "." + macOfA + "00", " " + bindingOfA,
				bindingOfA + "' or true --");
		for (String forgery : forgeries) {
			assertThat(insideA((sql) -> {
				sql.queryForObject("select set_config('foundation.tenant_binding', ?, true)", String.class, forgery);
				return bodies(sql);
			})).as(forgery).doesNotContain("b1", "b2").isEmpty();
		}
		// A session-level forgery is no better.
		assertThat(insideA((sql) -> {
			sql.execute("set foundation.tenant_binding = '" + TENANT_B + "." + macOfA + "'");
			return bodies(sql);
		})).isEmpty();
	}

	@Test
	void theSettingsOfEarlierVersionsGrantNothing() {
		assertThat(insideA((sql) -> {
			sql.execute("select set_config('foundation.tenant_id', '" + TENANT_B + "', true), "
					+ "set_config('foundation.tenant_scope', 'system', true)");
			return bodies(sql);
		})).containsExactly("a");
	}

	@Test
	void resettingTheBindingFailsClosed() {
		assertThat(insideA((sql) -> {
			sql.execute("reset foundation.tenant_binding");
			return bodies(sql);
		})).isEmpty();
		assertThat(insideA((sql) -> {
			sql.execute("reset all");
			return bodies(sql);
		})).isEmpty();
	}

	@Test
	void setRoleToTheOwnerOrASuperuserIsRefused() {
		for (String role : List.of(owner, "postgres")) {
			assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> countInsideA((sql) -> sql.update("set role " + role)))
				.havingRootCause()
				.withMessageContaining("permission denied");
			assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> countInsideA((sql) -> sql.update("set session authorization " + role)))
				.havingRootCause()
				.withMessageContaining("permission denied");
		}
	}

	@Test
	void cteAndSubqueryTricksSeeOnlyTheBoundTenant() {
		assertThat(insideA((sql) -> sql.queryForList("with forged as (select set_config('foundation.tenant_binding', '"
				+ TENANT_B + ".x', true)) select body from secrets, forged order by body", String.class)))
			.doesNotContain("b1", "b2");
		assertThat(insideA((sql) -> sql.queryForList("select body from secrets where tenant_id = '" + TENANT_B
				+ "' or true union all select body from secrets where (select foundation.bound_tenant()) is null",
				String.class)))
			.containsExactly("a");
		assertThat(countInsideA((sql) -> sql.queryForObject(
				"select count(*) from secrets s1 join secrets s2 on true where s2.tenant_id = '" + TENANT_B + "'",
				Integer.class)))
			.isZero();
	}

	@Test
	void theKeyCannotBeReadAndTheCheckCannotBeShadowed() {
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> insideA((sql) -> sql
				.queryForList("select key::text from foundation_private.tenant_binding_key", String.class)))
			.havingRootCause()
			.withMessageContaining("permission denied");
		// Objects the caller creates (here in its temporary schema) cannot stand in for
		// what bound_tenant() calls.
		assertThat(insideA((sql) -> {
			sql.execute("create function pg_temp.sha256(bytea) returns bytea language sql as 'select $1'");
			sql.execute("create function pg_temp.encode(bytea, text) returns text language sql as 'select ''x'''");
			sql.queryForObject("select set_config('foundation.tenant_binding', ?, true)", String.class,
					TENANT_B + "." + "x".repeat(64));
			return bodies(sql);
		})).isEmpty();
		// Redefining the foundation's functions needs ownership.
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> countInsideA((sql) -> sql.update("create or replace function foundation.bound_tenant() "
					+ "returns text language sql as 'select ''" + TENANT_B + "'''")))
			.havingRootCause()
			.withMessageMatching("(?s).*(must be owner|permission denied).*");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> countInsideA((sql) -> sql.update("alter table secrets disable row level security")))
			.havingRootCause()
			.withMessageMatching("(?s).*(must be owner|permission denied).*");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> countInsideA((sql) -> sql.update("create policy open on secrets using (true)")))
			.havingRootCause()
			.withMessageMatching("(?s).*(must be owner|permission denied).*");
	}

	@Test
	void writesIntoTheOtherTenantAreRejectedOrAffectNothing() {
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> countInsideA(
					(sql) -> sql.update("insert into secrets values (?, ?, 'x')", UUID.randomUUID(), TENANT_B)))
			.havingRootCause()
			.withMessageContaining("row-level security");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> countInsideA((sql) -> sql.update("update secrets set tenant_id = ?", TENANT_B)))
			.havingRootCause()
			.withMessageContaining("row-level security");
		assertThat(countInsideA((sql) -> sql.update("delete from secrets where tenant_id = ?", TENANT_B))).isZero();
		assertThat(countInsideA((sql) -> sql.update("update secrets set body = 'pwned' where tenant_id = ?", TENANT_B)))
			.isZero();
		assertThat(countInsideA((sql) -> sql.update(
				"insert into secrets values (?, ?, 'x') on conflict (id) do update " + "set body = 'pwned'",
				UUID.randomUUID(), TENANT_A)))
			.isOne();
		assertThat(new JdbcTemplate(database.admin())
			.queryForList("select body from secrets where tenant_id = ? order by body", String.class, TENANT_B))
			.containsExactly("b1", "b2");
	}

	@Test
	void anotherSessionsBindingIsNotVisibleInPgStatActivity() throws Exception {
		// A concurrent transaction of tenant B, on another connection of the same role,
		// waits after binding.
		CountDownLatch bound = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(1);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<?> tenantB = executor
				.submit(() -> TenantScope.run(TENANT_B, () -> transactions.executeWithoutResult((status) -> {
					jdbc.queryForList("select body from secrets", String.class);
					bound.countDown();
					await(done);
				})));
			assertThat(bound.await(10, TimeUnit.SECONDS)).isTrue();
			String bindingOfB = database.bindingOf(TENANT_B);
			String mac = bindingOfB.substring(bindingOfB.indexOf('.') + 1);
			List<String> queries = insideA((sql) -> sql.queryForList(
					"select coalesce(query, '') from pg_stat_activity where usename = current_user", String.class));
			assertThat(queries).isNotEmpty().noneMatch((query) -> query.contains(mac));
			done.countDown();
			tenantB.get(10, TimeUnit.SECONDS);
		}
		finally {
			done.countDown();
			executor.shutdownNow();
		}
	}

	@Test
	void systemScopeIsTheOwnersRoleNotASetting() throws Exception {
		// The application role cannot see every tenant however it sets things up...
		assertThat(countInsideA((sql) -> {
			sql.execute("select set_config('foundation.tenant_scope', 'system', true)");
			return sql.queryForObject("select count(*) from secrets", Integer.class);
		})).isOne();
		// ...while the system scope, connecting as the owner, does.
		DataSource routed = new SystemScopeDataSource(database.app(), () -> database.as(owner));
		TransactionTemplate system = new TransactionTemplate(
				new TenantBindingDataSourceTransactionManager(routed, database.binding()));
		Integer all = TenantScope.callAsSystem("test: count every tenant's secrets", () -> system.execute(
				(status) -> new JdbcTemplate(routed).queryForObject("select count(*) from secrets", Integer.class)));
		assertThat(all).isEqualTo(3);
		// Two policies: the tenant's for every role, the system scope's for the owner
		// only.
		try (Connection connection = database.as(owner).getConnection();
				PreparedStatement statement = connection
					.prepareStatement("select count(*) from pg_policies where tablename = 'secrets'")) {
			var result = statement.executeQuery();
			result.next();
			assertThat(result.getInt(1)).isEqualTo(2);
		}
	}

	@Test
	void policyIsEvaluatedOncePerStatementAndUsesTheTenantIndex() {
		database.execute("insert into secrets select gen_random_uuid(), '" + TENANT_B + "', 'bulk' "
				+ "from generate_series(1, 5000); analyze secrets");
		String plan = String.join("\n", insideA(
				(sql) -> sql.queryForList("explain (analyze, costs off) select count(*) from secrets", String.class)));
		assertThat(plan).contains("InitPlan").contains("secrets_tenant_id_idx").doesNotContain("Seq Scan");
		database.execute("delete from secrets where body = 'bulk'");
	}

	private static List<String> bodies(JdbcTemplate sql) {
		return sql.queryForList("select body from secrets order by body", String.class);
	}

	private static List<String> insideA(java.util.function.Function<JdbcTemplate, List<String>> attack) {
		return TenantScope.call(TENANT_A, () -> transactions.execute((status) -> attack.apply(jdbc)));
	}

	private static int countInsideA(java.util.function.ToIntFunction<JdbcTemplate> attack) {
		Integer count = TenantScope.call(TENANT_A, () -> transactions.execute((status) -> attack.applyAsInt(jdbc)));
		return (count != null) ? count : -1;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
