package dev.foundation.crypto;

import dev.foundation.core.error.FoundationException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Base of the crypto module's failures. At the HTTP edge they become problem+json
 * responses through the foundation's error handling; their messages are written for
 * clients and never contain plaintext, ciphertext, key ids or key material.
 */
public class CryptoException extends FoundationException {

	/**
	 * Creates the exception.
	 * @param type the problem type's slug
	 * @param status the HTTP status
	 * @param title the problem type's title
	 * @param detail the client-facing explanation
	 * @param cause the underlying failure, logged only
	 */
	protected CryptoException(String type, HttpStatus status, String title, String detail, @Nullable Throwable cause) {
		super(type, status, title, detail, cause);
	}

}
