package dev.foundation.tenancy.rls;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.foundation.tenancy.persistence.TenantScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection check of {@link TenantSettingCheckingDataSource} for transactions the
 * foundation binds: their binding statement is the check, so they send nothing when the
 * connection goes back, and a leak made inside one is found (and overridden) by the next
 * transaction, or checked for before the next SQL outside a transaction. Runs as the
 * application role on a pool of one connection, so every borrow gets the connection the
 * previous one returned.
 */
class BoundTransactionConnectionCheckIntegrationTests {

	private static final UUID TENANT_A = UUID.randomUUID();

	private static final UUID TENANT_B = UUID.randomUUID();

	private static RlsTestDatabase database;

	@BeforeAll
	static void createDatabase() {
		database = RlsTestDatabase.create("rls_bound_check");
		database.createTenantTable("create table bound_notes (id uuid primary key, tenant_id uuid not null)",
				"bound_notes");
		database.execute("insert into bound_notes values ('" + UUID.randomUUID() + "', '" + TENANT_A + "'), ('"
				+ UUID.randomUUID() + "', '" + TENANT_B + "'), ('" + UUID.randomUUID() + "', '" + TENANT_B + "')");
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	@Test
	void boundTransactionSendsItsBindingAndItsOwnStatementsAndNothingAtReturn() {
		CountingDataSource pool = new CountingDataSource(database.appPool(1));
		TenantSettingLeakCounts counts = new TenantSettingLeakCounts();
		Fixture fixture = new Fixture(new TenantSettingCheckingDataSource(pool, counts));
		for (int i = 0; i < 50; i++) {
			assertThat(fixture.countIn(TENANT_B)).isEqualTo(2);
			assertThat(fixture.countIn(TENANT_A)).isEqualTo(1);
		}
		// 100 transactions: one binding statement and one query each, no check at the
		// returns.
		assertThat(pool.statements.get()).isEqualTo(200);
		assertThat(counts.checks()).isEqualTo(100);
		assertThat(counts.leaks()).isZero();
		// A transaction with no tenant is bound too (to nothing), so it needs no check
		// either.
		assertThat(fixture.countWithoutTenant()).isZero();
		assertThat(pool.statements.get()).isEqualTo(202);
	}

	@Test
	void leakInsideABoundTransactionIsOverriddenByTheNextOneCountedAndEvicted() {
		HikariDataSource hikari = database.appPool(1);
		TenantSettingLeakCounts counts = new TenantSettingLeakCounts();
		Fixture fixture = new Fixture(new TenantSettingCheckingDataSource(hikari, counts));
		int leakingBackend = fixture.leakBindingOf(TENANT_A);
		assertThat(counts.leaks()).isZero();
		// Tenant B's transaction on the same connection: its own binding wins, tenant A's
		// row stays invisible.
		int[] seen = TenantScope.call(TENANT_B,
				() -> fixture.transactions.execute((status) -> new int[] {
						fixture.jdbc.queryForObject("select count(*) from bound_notes", Integer.class),
						fixture.jdbc.queryForObject("select count(*) from bound_notes where tenant_id = ?",
								Integer.class, TENANT_A),
						fixture.jdbc.queryForObject("select pg_backend_pid()", Integer.class) }));
		assertThat(seen).containsExactly(2, 0, leakingBackend);
		assertThat(counts.leaks()).isOne();
		// Evicted at its return: the next borrower gets a new connection, with nothing
		// set.
		assertThat(fixture.jdbc.queryForObject("select pg_backend_pid()", Integer.class)).isNotEqualTo(leakingBackend);
		assertThat(fixture.jdbc.queryForObject("select count(*) from bound_notes", Integer.class)).isZero();
		assertThat(counts.leaks()).isOne();
	}

	@Test
	void leakInsideABoundTransactionIsFoundBeforeTheNextSqlOutsideATransaction() {
		TenantSettingLeakCounts counts = new TenantSettingLeakCounts();
		Fixture fixture = new Fixture(new TenantSettingCheckingDataSource(database.appPool(1), counts));
		fixture.leakBindingOf(TENANT_A);
		// Autocommit SQL of the next borrower: checked before it runs, so it never sees
		// tenant A's row.
		assertThat(fixture.jdbc.queryForObject("select count(*) from bound_notes", Integer.class)).isZero();
		assertThat(
				fixture.jdbc.queryForObject("select current_setting('foundation.tenant_binding', true)", String.class))
			.isNullOrEmpty();
		assertThat(counts.leaks()).isOne();
	}

	@Test
	void afterALeakEveryReturnIsCheckedSoTheNextLeakIsCaughtWhereItIsReturned() {
		CountingDataSource pool = new CountingDataSource(database.appPool(1));
		TenantSettingLeakCounts counts = new TenantSettingLeakCounts();
		Fixture fixture = new Fixture(new TenantSettingCheckingDataSource(pool, counts));
		fixture.leakBindingOf(TENANT_A);
		assertThat(fixture.countIn(TENANT_B)).isEqualTo(2);
		assertThat(counts.leaks()).isOne();
		int before = pool.statements.get();
		long checksBefore = counts.checks();
		fixture.leakBindingOf(TENANT_B);
		// Caught at its own return this time: binding, set_config, backend id, the check
		// at the return and the reset
		// (the counting wrapper hides Hikari, so the connection cannot be evicted).
		assertThat(counts.leaks()).isEqualTo(2);
		assertThat(counts.checks()).isEqualTo(checksBefore + 2);
		assertThat(pool.statements.get() - before).isEqualTo(5);
		assertThat(fixture.countIn(TENANT_A)).isEqualTo(1);
		assertThat(counts.leaks()).isEqualTo(2);
	}

	@Test
	void bindingStatementReadsTheSessionValueBeforeItReplacesIt() throws SQLException {
		try (Connection connection = database.appPool(1).getConnection()) {
			connection.createStatement().execute("set foundation.tenant_binding = 'left-over'");
			connection.setAutoCommit(false);
			assertThat(TenantTransactionBinding.run(connection, "")).isEqualTo("left-over");
			try (var result = connection.createStatement()
				.executeQuery("select current_setting('foundation.tenant_binding', true)")) {
				result.next();
				assertThat(result.getString(1)).isEmpty();
			}
			connection.rollback();
		}
	}

	/**
	 * Runs transactions through the foundation's binding transaction manager on a data
	 * source.
	 */
	private static final class Fixture {

		final JdbcTemplate jdbc;

		final TransactionTemplate transactions;

		Fixture(DataSource dataSource) {
			this.jdbc = new JdbcTemplate(dataSource);
			this.transactions = new TransactionTemplate(
					new TenantBindingDataSourceTransactionManager(dataSource, database.binding()));
		}

		int countIn(UUID tenant) {
			return TenantScope.call(tenant, () -> this.transactions
				.execute((status) -> this.jdbc.queryForObject("select count(*) from bound_notes", Integer.class)));
		}

		int countWithoutTenant() {
			return this.transactions
				.execute((status) -> this.jdbc.queryForObject("select count(*) from bound_notes", Integer.class));
		}

		// What the check guards against: code in a tenant's transaction setting the
		// binding at session level.
		int leakBindingOf(UUID tenant) {
			return TenantScope.call(tenant, () -> this.transactions.execute((status) -> {
				this.jdbc.queryForObject("select set_config('foundation.tenant_binding', ?, false)", String.class,
						database.bindingOf(tenant));
				return this.jdbc.queryForObject("select pg_backend_pid()", Integer.class);
			}));
		}

	}

	/**
	 * Counts the statements created on the pool's connections, by the borrowers and by
	 * the check alike.
	 */
	private static final class CountingDataSource extends DelegatingDataSource {

		final AtomicInteger statements = new AtomicInteger();

		CountingDataSource(DataSource pool) {
			super(pool);
		}

		@Override
		public Connection getConnection() throws SQLException {
			Connection connection = obtainTargetDataSource().getConnection();
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, args) -> {
						if (method.getName().endsWith("Statement") || method.getName().equals("prepareCall")) {
							this.statements.incrementAndGet();
						}
						if (method.getName().equals("unwrap") && args[0] == Connection.class) {
							return connection.unwrap(Connection.class);
						}
						try {
							return method.invoke(connection, args);
						}
						catch (java.lang.reflect.InvocationTargetException ex) {
							throw ex.getTargetException();
						}
					});
		}

	}

}
