package dev.foundation.core.database.internal;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.foundation.core.database.DatabaseUnavailability;
import dev.foundation.core.database.DatabaseUnavailableException;
import dev.foundation.test.TestPostgres;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The breaker tells a busy pool (queue) from an unreachable database (fail fast), against
 * a real PostgreSQL and a port nothing listens on.
 */
class CircuitBreakingDataSourceIntegrationTests {

	private static final Duration POOL_TIMEOUT = Duration.ofMillis(250);

	@Test
	void busyPoolMakesCallersQueueBeyondThePoolTimeoutWithoutCountingAFailure() throws Exception {
		TestPostgres postgres = TestPostgres.shared();
		try (HikariDataSource pool = pool(postgres.jdbcUrl(postgres.createDatabase("breaker")), postgres)) {
			CircuitBreakingDataSource breaking = breaking(pool, Duration.ofSeconds(10));
			CountDownLatch held = new CountDownLatch(1);
			Thread holder = new Thread(() -> {
				try (Connection connection = breaking.getConnection()) {
					held.countDown();
					Thread.sleep(1_200);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			holder.start();
			assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
			long start = System.nanoTime();
			try (Connection connection = breaking.getConnection()) {
				assertThat(connection.isValid(2)).isTrue();
			}
			// Several pool timeouts passed while the only connection was in use.
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(POOL_TIMEOUT.multipliedBy(2));
			holder.join();
			assertThat(breaking.getCircuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
			assertThat(breaking.getCircuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		}
	}

	@Test
	void busyPoolBeyondTheAcquisitionTimeoutIsAPoolTimeoutNotAnOutage() throws Exception {
		TestPostgres postgres = TestPostgres.shared();
		try (HikariDataSource pool = pool(postgres.jdbcUrl(postgres.createDatabase("breaker")), postgres)) {
			CircuitBreakingDataSource breaking = breaking(pool, Duration.ofMillis(600));
			try (Connection held = breaking.getConnection()) {
				assertThatExceptionOfType(SQLTransientConnectionException.class).isThrownBy(breaking::getConnection)
					.isNotInstanceOf(DatabaseUnavailableException.class)
					.satisfies((ex) -> assertThat(ex.getCause()).isNull());
			}
			assertThat(breaking.getCircuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
		}
	}

	@Test
	void unreachableDatabaseFailsWithinThePoolTimeoutThenAtOnceWhileTheBreakerIsOpen() throws Exception {
		TestPostgres postgres = TestPostgres.shared();
		try (HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:" + closedPort() + "/none", postgres)) {
			CircuitBreakingDataSource breaking = breaking(pool, Duration.ofSeconds(30));
			for (int i = 0; i < 2; i++) {
				long start = System.nanoTime();
				assertThatExceptionOfType(DatabaseUnavailableException.class).isThrownBy(breaking::getConnection)
					.satisfies((ex) -> assertThat(DatabaseUnavailability.isCauseOf(ex)).isTrue())
					.satisfies((ex) -> assertThat(ex.getCause()).isNotNull());
				// Not the busy-pool queueing (30 s here): one pool timeout and the
				// attempt.
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
			}
			assertThat(breaking.getCircuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
			long start = System.nanoTime();
			assertThatExceptionOfType(DatabaseUnavailableException.class).isThrownBy(breaking::getConnection)
				.satisfies(
						(ex) -> assertThat(ex.getRetryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(5)))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("08001"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
		}
	}

	@Test
	void unwrapsToThePool() throws SQLException {
		try (HikariDataSource pool = new HikariDataSource()) {
			CircuitBreakingDataSource breaking = breaking(pool, Duration.ofSeconds(1));
			assertThat(breaking.unwrap(HikariDataSource.class)).isSameAs(pool);
			assertThat(breaking.unwrap(DataSource.class)).isSameAs(pool);
			assertThat(breaking.isWrapperFor(HikariDataSource.class)).isTrue();
		}
	}

	private static HikariDataSource pool(String url, TestPostgres postgres) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		pool.setUsername(postgres.username());
		pool.setPassword(postgres.password());
		pool.setMaximumPoolSize(1);
		pool.setMinimumIdle(1);
		pool.setConnectionTimeout(POOL_TIMEOUT.toMillis());
		// Starts without a database, as an application whose database is down at the
		// first request.
		pool.setInitializationFailTimeout(-1);
		return pool;
	}

	private static CircuitBreakingDataSource breaking(DataSource pool, Duration acquisitionTimeout) {
		CircuitBreaker breaker = CircuitBreaker.of("test",
				CircuitBreakerConfig.custom()
					.slidingWindowSize(2)
					.minimumNumberOfCalls(2)
					.failureRateThreshold(50)
					.waitDurationInOpenState(Duration.ofSeconds(5))
					.build());
		return new CircuitBreakingDataSource(pool, breaker, acquisitionTimeout, Duration.ofSeconds(5));
	}

	private static int closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
