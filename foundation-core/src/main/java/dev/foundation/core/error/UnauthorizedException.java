package dev.foundation.core.error;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The request lacks valid credentials (401).
 */
public class UnauthorizedException extends FoundationException {

	/**
	 * Creates the exception.
	 * @param detail the explanation shown to the client
	 */
	public UnauthorizedException(String detail) {
		this(detail, null);
	}

	/**
	 * Creates the exception.
	 * @param detail the explanation shown to the client
	 * @param cause the underlying failure, logged only
	 */
	public UnauthorizedException(String detail, @Nullable Throwable cause) {
		super(ProblemTypes.UNAUTHORIZED, HttpStatus.UNAUTHORIZED, "Unauthorized", detail, cause);
	}

}
