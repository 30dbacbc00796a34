package dev.foundation.core.error;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The caller is authenticated but not allowed to do this (403).
 */
public class ForbiddenException extends FoundationException {

	/**
	 * Creates the exception.
	 * @param detail the explanation shown to the client
	 */
	public ForbiddenException(String detail) {
		this(detail, null);
	}

	/**
	 * Creates the exception.
	 * @param detail the explanation shown to the client
	 * @param cause the underlying failure, logged only
	 */
	public ForbiddenException(String detail, @Nullable Throwable cause) {
		super(ProblemTypes.FORBIDDEN, HttpStatus.FORBIDDEN, "Forbidden", detail, cause);
	}

}
