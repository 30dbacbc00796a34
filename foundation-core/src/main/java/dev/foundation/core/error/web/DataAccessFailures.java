package dev.foundation.core.error.web;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Data-access failures that are the client's conflict rather than the server's fault.
 * Kept apart so that the exception handler loads without spring-tx on the classpath. The
 * database's message (SQL, constraint and column names) is never shown.
 */
final class DataAccessFailures {

	private DataAccessFailures() {
	}

	static boolean isConflict(Throwable ex) {
		return ex instanceof OptimisticLockingFailureException || ex instanceof DataIntegrityViolationException;
	}

	static String detail(Throwable ex) {
		return (ex instanceof OptimisticLockingFailureException)
				? "The resource was changed by someone else; reload it and try again"
				: "The request conflicts with existing data";
	}

}
