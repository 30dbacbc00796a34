package dev.foundation.core.database;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * No connection to the database can be had: its circuit breaker is open, or the pool
 * could not reach the server. Thrown by the data source's {@code getConnection()}, so it
 * is an {@link java.sql.SQLException} of SQLState {@value #SQL_STATE} (a connection
 * exception) that every persistence layer passes on as one; the foundation answers it
 * with 503 and {@code Retry-After}.
 */
public class DatabaseUnavailableException extends SQLTransientConnectionException {

	/** {@code 08001}: the client was unable to establish a connection. */
	public static final String SQL_STATE = "08001";

	private final Duration retryAfter;

	/**
	 * Creates the exception.
	 * @param reason a description for the log, never shown to clients
	 * @param retryAfter how long before a connection may be had again
	 * @param cause the failure of the last connection attempt, if any
	 */
	public DatabaseUnavailableException(String reason, Duration retryAfter, @Nullable Throwable cause) {
		super(reason, SQL_STATE, cause);
		this.retryAfter = retryAfter;
	}

	/**
	 * Returns how long before a connection may be had again: the time left until the open
	 * circuit breaker lets a probe through, or its whole wait when it just opened.
	 * @return the delay
	 */
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

}
