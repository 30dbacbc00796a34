package dev.foundation.core.database;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import dev.foundation.core.error.ServiceUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a failure means "the database cannot be reached" rather than a bug:
 * anything in its cause chain (and the chain of {@link SQLException#getNextException()})
 * that is
 * <ul>
 * <li>a {@link DatabaseUnavailableException} (the foundation's open circuit breaker or
 * unreachable pool),</li>
 * <li>an {@link SQLException} of SQLState class {@code 08} (connection exception:
 * refused, broken, closed), {@code 57P01} (admin shutdown, also what a backend says when
 * its postmaster died), {@code 57P02} (crash shutdown) or {@code 57P03} (cannot connect
 * now: starting up or in recovery),</li>
 * <li>Hikari's "Connection is closed", what a rollback on a connection Hikari closed
 * after such a failure throws,</li>
 * <li>an {@link SQLTransientConnectionException} (Hikari's pool timeout) or an
 * {@link SQLNonTransientConnectionException},</li>
 * <li>a {@link ConnectException}, or Spring's {@code CannotGetJdbcConnectionException}.
 * </li>
 * </ul>
 * Everything else, constraint violations and syntax errors included, stays the 500 (or
 * 409) it was: those are not fixed by retrying.
 */
public final class DatabaseUnavailability {

	/**
	 * The {@code Retry-After} of a failure that carries none of its own (a connection
	 * broken in the middle of a transaction, before the circuit breaker saw it).
	 */
	public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);

	/** The {@code service} member of the problem detail. */
	public static final String SERVICE = "database";

	private static final int MAX_DEPTH = 32;

	private DatabaseUnavailability() {
	}

	/**
	 * Returns whether the failure means that the database cannot be reached.
	 * @param failure the failure, possibly wrapped by Spring, JPA or Hibernate
	 * @return whether retrying later may succeed
	 */
	public static boolean isCauseOf(Throwable failure) {
		return find(failure) != null;
	}

	/**
	 * Returns the 503 to answer a failure with, or {@code null} when the failure does not
	 * mean that the database cannot be reached.
	 * @param failure the failure
	 * @return the exception to render, with the failure as its (logged) cause
	 */
	public static @Nullable ServiceUnavailableException toServiceUnavailable(Throwable failure) {
		Throwable match = find(failure);
		if (match == null) {
			return null;
		}
		Duration retryAfter = (match instanceof DatabaseUnavailableException unavailable) ? unavailable.getRetryAfter()
				: DEFAULT_RETRY_AFTER;
		return new ServiceUnavailableException(SERVICE, retryAfter, failure);
	}

	/**
	 * Returns whether one exception (not its causes) says the database cannot be reached.
	 * @param failure the exception
	 * @return whether it is a connection failure
	 */
	public static boolean isConnectionFailure(Throwable failure) {
		if (failure instanceof DatabaseUnavailableException || failure instanceof SQLTransientConnectionException
				|| failure instanceof SQLNonTransientConnectionException || failure instanceof ConnectException) {
			return true;
		}
		if (failure instanceof SQLException sql && (isUnavailableState(sql.getSQLState()) || isClosedByHikari(sql))) {
			return true;
		}
		return failure.getClass().getName().equals("org.springframework.jdbc.CannotGetJdbcConnectionException");
	}

	/**
	 * Returns whether an SQLState means the server cannot be reached or is going away.
	 * @param state the SQLState, possibly {@code null}
	 * @return whether it is class {@code 08} or {@code 57P01}–{@code 57P03}
	 */
	public static boolean isUnavailableState(@Nullable String state) {
		return state != null
				&& (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
	}

	// Hikari closes a connection that failed with a connection error (08xxx, 57P01) at
	// once; the rollback Spring then attempts on it fails with this, state-less, and
	// replaces the original failure. The same exception follows a use after close(), a
	// bug: that one is answered 503 as well, and logged all the same.
	private static boolean isClosedByHikari(SQLException failure) {
		if (failure.getSQLState() != null || !"Connection is closed".equals(failure.getMessage())) {
			return false;
		}
		StackTraceElement[] stack = failure.getStackTrace();
		return stack.length > 0 && stack[0].getClassName().startsWith("com.zaxxer.hikari.pool.ProxyConnection");
	}

	// The most specific match: a DatabaseUnavailableException anywhere wins, since it
	// carries the Retry-After.
	private static @Nullable Throwable find(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Throwable first = walk(failure, seen, 0);
		return first;
	}

	private static @Nullable Throwable walk(@Nullable Throwable failure, Set<Throwable> seen, int depth) {
		@Nullable Throwable match = null;
		for (Throwable current = failure; current != null && depth < MAX_DEPTH
				&& seen.add(current); current = current.getCause(), depth++) {
			if (current instanceof DatabaseUnavailableException) {
				return current;
			}
			if (match == null && isConnectionFailure(current)) {
				match = current;
			}
			if (current instanceof SQLException sql && sql.getNextException() != null) {
				Throwable next = walk(sql.getNextException(), seen, depth + 1);
				if (next instanceof DatabaseUnavailableException) {
					return next;
				}
				if (match == null) {
					match = next;
				}
			}
		}
		return match;
	}

}
