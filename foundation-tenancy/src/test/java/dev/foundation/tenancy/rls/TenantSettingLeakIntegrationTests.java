package dev.foundation.tenancy.rls;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import dev.foundation.tenancy.persistence.TenantScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link TenantSettingCheckingDataSource} on a real PostgreSQL, connected as the
 * application role (neither superuser nor owner) through a Hikari pool of one connection,
 * so the next borrower is always handed the same connection unless it was evicted.
 */
class TenantSettingLeakIntegrationTests {

	private static final UUID TENANT_A = UUID.randomUUID();

	private static final UUID TENANT_B = UUID.randomUUID();

	private static RlsTestDatabase database;

	@BeforeAll
	static void createDatabase() {
		database = RlsTestDatabase.create("rls_leak");
		database.createTenantTable("create table leak_notes (id uuid primary key, tenant_id uuid not null)",
				"leak_notes");
		database.execute("insert into leak_notes values ('" + UUID.randomUUID() + "', '" + TENANT_A + "'), ('"
				+ UUID.randomUUID() + "', '" + TENANT_B + "')");
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	@Test
	void sessionLevelTenantIsDetectedCountedAndEvictedBeforeTheNextBorrower() throws Exception {
		HikariDataSource pool = database.appPool(1);
		TenantSettingLeakCounts counts = new TenantSettingLeakCounts();
		DataSource dataSource = new TenantSettingCheckingDataSource(pool, counts);
		int leakingBackend;
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			leakingBackend = backend(statement);
			statement.execute(
					"select set_config('foundation.tenant_binding', '" + database.bindingOf(TENANT_A) + "', false)");
			assertThat(visibleRows(statement)).isEqualTo(1);
		}
		assertThat(counts.leaks()).isOne();
		assertThat(counts.failures()).isZero();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			assertThat(backend(statement)).isNotEqualTo(leakingBackend);
			assertThat(setting(statement, "foundation.tenant_binding")).isNull();
			assertThat(visibleRows(statement)).isZero();
		}
		assertThat(counts.leaks()).isOne();
		assertThat(counts.checks()).isEqualTo(2);
		assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isLessThanOrEqualTo(1);
	}

	@Test
	void bindingSetInsideACommittedTransactionIsDetectedAndNeverReachesTheNextBorrower() throws Exception {
		TenantSettingLeakCounts counts = new TenantSettingLeakCounts();
		DataSource dataSource = new TenantSettingCheckingDataSource(database.appPool(1), counts);
		// A plain SET inside a transaction that commits is session-level too.
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("set foundation.tenant_binding = '" + database.bindingOf(TENANT_B) + "'");
			connection.commit();
			connection.setAutoCommit(true);
			assertThat(visibleRows(statement)).isEqualTo(1);
		}
		assertThat(counts.leaks()).isOne();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			assertThat(visibleRows(statement)).isZero();
		}
	}

	@Test
	void resetsTheSettingsWhenThePoolCannotEvict() throws Exception {
		// Spring's single connection data source hands out one physical connection again
		// and again, like a pool that
		// Hikari's eviction cannot reach.
		SingleConnectionDataSource single = new SingleConnectionDataSource(database.jdbcUrl(), database.appRole(), "",
				true);
		try {
			TenantSettingLeakCounts counts = new TenantSettingLeakCounts();
			DataSource dataSource = new TenantSettingCheckingDataSource(single, counts);
			int backend;
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				backend = backend(statement);
				statement.execute("set foundation.tenant_binding = '" + database.bindingOf(TENANT_B) + "'");
			}
			assertThat(counts.leaks()).isOne();
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				assertThat(backend(statement)).isEqualTo(backend);
				assertThat(setting(statement, "foundation.tenant_binding")).isEmpty();
				assertThat(visibleRows(statement)).isZero();
			}
			assertThat(counts.leaks()).isOne();
			assertThat(counts.failures()).isZero();
		}
		finally {
			single.destroy();
		}
	}

	@Test
	void transactionLocalBindingCountsNoLeaksOverManyBorrows() {
		TenantSettingLeakCounts counts = new TenantSettingLeakCounts();
		DataSource dataSource = new TenantSettingCheckingDataSource(database.routed(database.appPool(1)), counts);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		TransactionTemplate transactions = new TransactionTemplate(
				new TenantBindingDataSourceTransactionManager(dataSource, database.binding()));
		int borrows = 3_000;
		long wrongRows = 0;
		for (int i = 0; i < borrows; i++) {
			switch (i % 4) {
				case 0 -> wrongRows += 1 - TenantScope.call(TENANT_A, () -> transactions
					.execute((status) -> jdbc.queryForObject("select count(*) from leak_notes", Integer.class)));
				case 1 -> wrongRows += 2 - TenantScope.callAsSystem("test: count all", () -> transactions
					.execute((status) -> jdbc.queryForObject("select count(*) from leak_notes", Integer.class)));
				case 2 -> wrongRows += jdbc.queryForObject("select count(*) from leak_notes", Integer.class);
				default -> wrongRows += transactions
					.execute((status) -> jdbc.queryForObject("select count(*) from leak_notes", Integer.class));
			}
		}
		System.out.printf("[rls] connection check: %d borrows, %d checks, %d leaks, %d failures%n", borrows,
				counts.checks(), counts.leaks(), counts.failures());
		assertThat(wrongRows).isZero();
		// Bound transactions are checked by their binding statement, system-scope and
		// autocommit borrows at their
		// return. The autocommit borrow (i % 4 == 2) is also checked before its SQL: the
		// app-role connection it gets
		// was last returned unchecked by a bound transaction (the system scope's ran on
		// the owner's pool).
		assertThat(counts.checks()).isEqualTo(borrows + borrows / 4);
		assertThat(counts.leaks()).isZero();
		assertThat(counts.failures()).isZero();
	}

	@Test
	void connectionReturnedInsideATransactionIsJudgedAfterItsRollback() throws Exception {
		TenantSettingLeakCounts counts = new TenantSettingLeakCounts();
		DataSource dataSource = new TenantSettingCheckingDataSource(database.appPool(1), counts);
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			// Transaction-local, and a session-level SET the rollback undoes: neither
			// survives the return.
			statement.execute(
					"select set_config('foundation.tenant_binding', '" + database.bindingOf(TENANT_A) + "', true)");
			statement.execute("set foundation.tenant_binding = '" + database.bindingOf(TENANT_B) + "'");
		}
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			assertThat(connection.getAutoCommit()).isTrue();
			assertThat(setting(statement, "foundation.tenant_binding")).isNullOrEmpty();
		}
		assertThat(counts.checks()).isEqualTo(2);
		assertThat(counts.leaks()).isZero();
	}

	@Test
	void brokenConnectionIsCountedAsFailureAndClosesQuietly() throws Exception {
		HikariDataSource pool = database.appPool(1);
		TenantSettingLeakCounts counts = new TenantSettingLeakCounts();
		DataSource dataSource = new TenantSettingCheckingDataSource(pool, counts);
		Connection connection = dataSource.getConnection();
		int backend;
		try (Statement statement = connection.createStatement()) {
			backend = backend(statement);
		}
		database.execute("select pg_terminate_backend(" + backend + ")");
		Thread.sleep(100);
		assertThatNoException().isThrownBy(connection::close);
		assertThatNoException().isThrownBy(connection::close);
		assertThat(counts.failures()).isOne();
		assertThat(counts.leaks()).isZero();
		try (Connection next = dataSource.getConnection(); Statement statement = next.createStatement()) {
			assertThat(backend(statement)).isNotEqualTo(backend);
		}
		assertThat(counts.checks()).isOne();
	}

	@Test
	void borrowWithoutSqlGoesBackUncheckedAndEachReturnIsCheckedOnce() throws Exception {
		TenantSettingLeakCounts counts = new TenantSettingLeakCounts();
		DataSource dataSource = new TenantSettingCheckingDataSource(database.appPool(1), counts);
		try (Connection connection = dataSource.getConnection()) {
			connection.setReadOnly(true);
		}
		assertThat(counts.checks()).isZero();
		Connection connection = dataSource.getConnection();
		try (Statement statement = connection.createStatement()) {
			statement.execute("select 1");
		}
		connection.close();
		connection.close();
		assertThat(connection.isClosed()).isTrue();
		assertThat(counts.checks()).isOne();
		// Reaching the driver's own connection counts as use: SQL may run on it.
		try (Connection unwrapped = dataSource.getConnection()) {
			unwrapped.unwrap(PGConnection.class);
		}
		assertThat(counts.checks()).isEqualTo(2);
	}

	@Test
	void poolAndDriverStayReachableThroughUnwrap() throws Exception {
		HikariDataSource pool = database.appPool(1);
		TenantSettingCheckingDataSource dataSource = new TenantSettingCheckingDataSource(pool,
				new TenantSettingLeakCounts());
		assertThat(dataSource.unwrap(HikariDataSource.class)).isSameAs(pool);
		assertThat(DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class, HikariDataSource.class))
			.isSameAs(pool);
		// Boot derives Flyway's data source (spring.flyway.user) from the pool's URL,
		// reached by unwrapping.
		assertThat(DataSourceBuilder.derivedFrom(dataSource).type(SimpleDriverDataSource.class).build())
			.isInstanceOfSatisfying(SimpleDriverDataSource.class,
					(derived) -> assertThat(derived.getUrl()).isEqualTo(pool.getJdbcUrl()));
		try (Connection connection = dataSource.getConnection()) {
			assertThat(connection.isWrapperFor(PGConnection.class)).isTrue();
			assertThat(connection.unwrap(PGConnection.class).getBackendPID()).isPositive();
			assertThat(connection).isEqualTo(connection).isNotEqualTo(pool);
		}
	}

	@Test
	void measuresTheCostPerBorrowAndReturn() throws Exception {
		HikariDataSource pool = database.appPool(1);
		TenantSettingLeakCounts counts = new TenantSettingLeakCounts();
		DataSource checked = new TenantSettingCheckingDataSource(pool, counts);
		int rounds = 2_000;
		int runs = 6;
		// Best of several runs (the machine is shared): borrow + return, and borrow + one
		// query + return.
		long[] best = { Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE };
		for (int run = 0; run < runs; run++) {
			best[0] = Math.min(best[0], borrow(pool, rounds, false));
			best[1] = Math.min(best[1], borrow(checked, rounds, false));
			best[2] = Math.min(best[2], borrow(pool, rounds, true));
			best[3] = Math.min(best[3], borrow(checked, rounds, true));
		}
		System.out.printf(
				"[rls] per borrow/return, best of %d runs of %d: no SQL: bare %.2f us, checked %.2f us; "
						+ "one query: bare %.1f us, checked %.1f us%n",
				runs, rounds, best[0] / 1000.0 / rounds, best[1] / 1000.0 / rounds, best[2] / 1000.0 / rounds,
				best[3] / 1000.0 / rounds);
		// Borrows that ran no SQL go back unchecked.
		assertThat(counts.checks()).isEqualTo((long) runs * rounds);
		assertThat(counts.leaks()).isZero();
	}

	private static long borrow(DataSource dataSource, int rounds, boolean query) throws SQLException {
		long start = System.nanoTime();
		for (int i = 0; i < rounds; i++) {
			try (Connection connection = dataSource.getConnection()) {
				if (query) {
					try (Statement statement = connection.createStatement();
							ResultSet result = statement.executeQuery("select 1")) {
						result.next();
					}
				}
			}
		}
		return System.nanoTime() - start;
	}

	private static int backend(Statement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery("select pg_backend_pid()")) {
			result.next();
			return result.getInt(1);
		}
	}

	private static String setting(Statement statement, String name) throws SQLException {
		try (ResultSet result = statement.executeQuery("select current_setting('" + name + "', true)")) {
			result.next();
			return result.getString(1);
		}
	}

	private static int visibleRows(Statement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery("select count(*) from leak_notes")) {
			result.next();
			return result.getInt(1);
		}
	}

}
