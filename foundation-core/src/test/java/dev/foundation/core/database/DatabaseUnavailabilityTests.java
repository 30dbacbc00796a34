package dev.foundation.core.database;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import dev.foundation.core.error.ServiceUnavailableException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailabilityTests {

	@Test
	void connectionExceptionStatesMeanUnavailableWhereverTheyAreWrapped() {
		for (String state : new String[] { "08001", "08003", "08006", "57P01", "57P02", "57P03" }) {
			SQLException cause = new SQLException("server gone", state);
			assertThat(DatabaseUnavailability.isCauseOf(cause)).as(state).isTrue();
			assertThat(DatabaseUnavailability.isCauseOf(new CannotCreateTransactionException("tx", cause))).as(state)
				.isTrue();
			assertThat(DatabaseUnavailability
				.isCauseOf(new JpaSystemException(new RuntimeException(new IllegalStateException(cause))))).as(state)
				.isTrue();
		}
	}

	@Test
	void poolTimeoutsRefusedConnectionsAndSpringsConnectionFailuresMeanUnavailable() {
		assertThat(DatabaseUnavailability.isCauseOf(new SQLTransientConnectionException("pool timeout"))).isTrue();
		assertThat(DatabaseUnavailability.isCauseOf(new RuntimeException(new ConnectException("refused")))).isTrue();
		assertThat(DatabaseUnavailability.isCauseOf(new CannotGetJdbcConnectionException("no connection"))).isTrue();
		SQLException chained = new SQLException("batch failed", "XX000");
		chained.setNextException(new SQLException("connection broken", "08006"));
		assertThat(DatabaseUnavailability.isCauseOf(chained)).isTrue();
	}

	@Test
	void bugsAndConflictsAreNotUnavailability() {
		assertThat(DatabaseUnavailability.isCauseOf(new SQLException("syntax error", "42601"))).isFalse();
		assertThat(DatabaseUnavailability
			.isCauseOf(new DataIntegrityViolationException("duplicate", new SQLException("duplicate key", "23505"))))
			.isFalse();
		assertThat(DatabaseUnavailability.isCauseOf(new IllegalStateException("boom"))).isFalse();
		assertThat(DatabaseUnavailability.isCauseOf(new SQLException("no state"))).isFalse();
		// "Connection is closed" counts only when Hikari's closed connection threw it.
		assertThat(DatabaseUnavailability.isCauseOf(new SQLException("Connection is closed"))).isFalse();
		// A resource failure without a connection failure behind it (e.g. disk full) is
		// not a retryable outage either.
		assertThat(DatabaseUnavailability
			.isCauseOf(new DataAccessResourceFailureException("disk full", new SQLException("disk full", "53100"))))
			.isFalse();
	}

	@Test
	void circuitBreakersRetryAfterWinsOverTheDefault() {
		DatabaseUnavailableException open = new DatabaseUnavailableException("open", Duration.ofMillis(1500), null);
		ServiceUnavailableException fromBreaker = DatabaseUnavailability
			.toServiceUnavailable(new CannotCreateTransactionException("tx", open));
		assertThat(fromBreaker).isNotNull();
		assertThat(fromBreaker.getRetryAfter()).isEqualTo(Duration.ofMillis(1500));
		assertThat(fromBreaker.getProperties()).containsEntry("service", "database");
		ServiceUnavailableException fromQuery = DatabaseUnavailability
			.toServiceUnavailable(new SQLException("terminating connection", "57P01"));
		assertThat(fromQuery).isNotNull();
		assertThat(fromQuery.getRetryAfter()).isEqualTo(DatabaseUnavailability.DEFAULT_RETRY_AFTER);
		assertThat(DatabaseUnavailability.toServiceUnavailable(new IllegalStateException("bug"))).isNull();
	}

	@Test
	void cyclicCauseChainsEnd() {
		SQLException first = new SQLException("first", "XX000");
		SQLException second = new SQLException("second", "XX000", first);
		first.initCause(second);
		assertThat(DatabaseUnavailability.isCauseOf(first)).isFalse();
	}

}
