package dev.foundation.core.database.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.foundation.core.database.DatabaseUnavailability;
import dev.foundation.core.database.DatabaseUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source whose {@code getConnection()} fails at once while the database is known
 * to be unreachable, and queues while the pool is only busy.
 * <p>
 * The pool (Hikari) is given a short connection timeout. When it times out, Hikari's
 * exception says which case it is: its cause is the last failure to connect when the
 * server cannot be reached, and there is none when every connection is merely in use. The
 * first is recorded by the circuit breaker and answered with a
 * {@link DatabaseUnavailableException} at once; the second is retried until
 * {@code acquisitionTimeout} has passed, so a saturated but healthy pool makes requests
 * wait their turn, not fail. While the breaker is open no caller reaches the pool; after
 * its wait a few probes go through and close it again once connections can be had.
 * <p>
 * Only connection acquisition passes the breaker: a query failing on a connection the
 * server dropped is mapped to 503 by {@link DatabaseUnavailability}, and Hikari evicts
 * that connection itself. {@link #unwrap(Class)} reaches the pool.
 */
public class CircuitBreakingDataSource extends DelegatingDataSource {

	private static final Logger logger = LoggerFactory.getLogger(CircuitBreakingDataSource.class);

	private final CircuitBreaker breaker;

	private final long acquisitionTimeoutNanos;

	private final Duration openWait;

	private volatile long openedAtNanos;

	/**
	 * Wraps a data source.
	 * @param pool the pool
	 * @param breaker the circuit breaker; connection failures are recorded on it as
	 * errors, connections had as successes
	 * @param acquisitionTimeout how long a caller queues for a busy (reachable) pool in
	 * all
	 * @param openWait how long the breaker stays open, for {@code Retry-After}
	 */
	public CircuitBreakingDataSource(DataSource pool, CircuitBreaker breaker, Duration acquisitionTimeout,
			Duration openWait) {
		super(pool);
		this.breaker = breaker;
		this.acquisitionTimeoutNanos = acquisitionTimeout.toNanos();
		this.openWait = openWait;
		this.openedAtNanos = System.nanoTime();
		breaker.getEventPublisher().onStateTransition((event) -> {
			CircuitBreaker.State to = event.getStateTransition().getToState();
			if (to == CircuitBreaker.State.OPEN) {
				this.openedAtNanos = System.nanoTime();
				logger.warn("Database circuit breaker '{}' opened: requests needing a connection are answered 503 for "
						+ "{} ms before a probe tries again", breaker.getName(), openWait.toMillis());
			}
			else if (to == CircuitBreaker.State.CLOSED) {
				logger.info("Database circuit breaker '{}' closed: connections can be had again", breaker.getName());
			}
		});
	}

	@Override
	public Connection getConnection() throws SQLException {
		return acquire(() -> obtainTargetDataSource().getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return acquire(() -> obtainTargetDataSource().getConnection(username, password));
	}

	/**
	 * Returns the circuit breaker.
	 * @return the breaker
	 */
	public CircuitBreaker getCircuitBreaker() {
		return this.breaker;
	}

	/**
	 * Unwrapping to {@code DataSource} itself answers the pool rather than this wrapper.
	 * Why: Boot derives data sources from the application's (Flyway's with
	 * {@code spring.flyway.user}, the foundation's migration role) by unwrapping
	 * {@code DataSource} until it reaches one whose URL it can read.
	 */
	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		if (iface == DataSource.class) {
			return iface.cast(obtainTargetDataSource());
		}
		return super.unwrap(iface);
	}

	private Connection acquire(PoolAttempt attempt) throws SQLException {
		if (!this.breaker.tryAcquirePermission()) {
			throw new DatabaseUnavailableException("The database's circuit breaker is open", remainingOpenWait(), null);
		}
		long start = System.nanoTime();
		while (true) {
			try {
				Connection connection = attempt.connect();
				this.breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
				return connection;
			}
			catch (SQLException | RuntimeException ex) {
				long elapsed = System.nanoTime() - start;
				if (isBusyPoolTimeout(ex) && elapsed < this.acquisitionTimeoutNanos) {
					continue;
				}
				if (isBusyPoolTimeout(ex) || !isUnreachable(ex)) {
					// Not the database's fault (a saturated pool, bad credentials, a
					// bug):
					// no verdict for the breaker.
					this.breaker.releasePermission();
					throw ex;
				}
				this.breaker.onError(elapsed, TimeUnit.NANOSECONDS, ex);
				throw new DatabaseUnavailableException("No connection to the database could be had", retryAfter(), ex);
			}
		}
	}

	@FunctionalInterface
	private interface PoolAttempt {

		Connection connect() throws SQLException;

	}

	// Hikari's pool timeout without a cause: every connection was in use, none failed.
	private static boolean isBusyPoolTimeout(Throwable ex) {
		return ex instanceof SQLTransientConnectionException && ex.getCause() == null
				&& !(ex instanceof DatabaseUnavailableException);
	}

	private static boolean isUnreachable(Throwable ex) {
		return DatabaseUnavailability.isCauseOf(ex);
	}

	private Duration retryAfter() {
		return (this.breaker.getState() == CircuitBreaker.State.OPEN) ? remainingOpenWait() : this.openWait;
	}

	private Duration remainingOpenWait() {
		Duration remaining = this.openWait.minusNanos(System.nanoTime() - this.openedAtNanos);
		return remaining.isNegative() ? Duration.ZERO : remaining;
	}

}
