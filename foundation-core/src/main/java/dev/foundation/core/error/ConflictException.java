package dev.foundation.core.error;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The request conflicts with the current state of the resource (409).
 */
public class ConflictException extends FoundationException {

	/**
	 * Creates the exception.
	 * @param detail the explanation shown to the client
	 */
	public ConflictException(String detail) {
		this(detail, null);
	}

	/**
	 * Creates the exception.
	 * @param detail the explanation shown to the client
	 * @param cause the underlying failure, logged only
	 */
	public ConflictException(String detail, @Nullable Throwable cause) {
		super(ProblemTypes.CONFLICT, HttpStatus.CONFLICT, "Conflict", detail, cause);
	}

}
