package dev.foundation.core.error;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The request is wrong in a way no more specific exception describes (400).
 */
public class BadRequestException extends FoundationException {

	/**
	 * Creates the exception.
	 * @param detail the explanation shown to the client
	 */
	public BadRequestException(String detail) {
		this(detail, null);
	}

	/**
	 * Creates the exception.
	 * @param detail the explanation shown to the client
	 * @param cause the underlying failure, logged only
	 */
	public BadRequestException(String detail, @Nullable Throwable cause) {
		super(ProblemTypes.BAD_REQUEST, HttpStatus.BAD_REQUEST, "Bad request", detail, cause);
	}

}
