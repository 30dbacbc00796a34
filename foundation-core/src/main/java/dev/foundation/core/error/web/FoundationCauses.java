package dev.foundation.core.error.web;

import dev.foundation.core.error.FoundationException;
import org.jspecify.annotations.Nullable;

/**
 * Finds a {@link FoundationException} that reached the edge wrapped in another exception:
 * thrown inside a Hibernate flush and wrapped by the commit (JPA's
 * {@code RollbackException}, Spring's {@code TransactionSystemException} or
 * {@code JpaSystemException}), by a servlet filter's {@code ServletException}, or by
 * anything else that wraps on the way out. Its status and client-safe detail are the
 * answer; the wrapper is only logged.
 */
final class FoundationCauses {

	// Enough for any real chain; a bound, because a cause chain can be made circular.
	private static final int MAX_DEPTH = 32;

	private FoundationCauses() {
	}

	/**
	 * Returns the first {@link FoundationException} in the chain, the throwable itself
	 * included.
	 * @param failure the throwable
	 * @return the exception, or {@code null} if the chain holds none
	 */
	static @Nullable FoundationException find(@Nullable Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			if (current instanceof FoundationException foundation) {
				return foundation;
			}
			Throwable cause = current.getCause();
			current = (cause != current) ? cause : null;
		}
		return null;
	}

}
