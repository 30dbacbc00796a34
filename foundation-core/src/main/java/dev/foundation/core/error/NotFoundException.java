package dev.foundation.core.error;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The requested resource does not exist, or is not visible to the caller (404).
 */
public class NotFoundException extends FoundationException {

	/**
	 * Creates the exception.
	 * @param detail the explanation shown to the client
	 */
	public NotFoundException(String detail) {
		this(detail, null);
	}

	/**
	 * Creates the exception.
	 * @param detail the explanation shown to the client
	 * @param cause the underlying failure, logged only
	 */
	public NotFoundException(String detail, @Nullable Throwable cause) {
		super(ProblemTypes.NOT_FOUND, HttpStatus.NOT_FOUND, "Resource not found", detail, cause);
	}

}
