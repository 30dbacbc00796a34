package dev.foundation.core.auth.jwt;

import dev.foundation.core.auth.AuthFailure;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A bearer token refused by the foundation's authentication, with the category of the
 * refusal for monitoring ({@code foundation.auth.failures}). The client gets the same
 * {@code 401 invalid_token} whatever the category.
 */
public class RejectedTokenException extends InvalidBearerTokenException {

	private final AuthFailure failure;

	/**
	 * Creates the exception.
	 * @param failure why the token was refused
	 * @param description what went wrong (logged at debug level by Spring Security, never
	 * sent)
	 * @param cause the cause
	 */
	public RejectedTokenException(AuthFailure failure, String description, Throwable cause) {
		super(description, cause);
		this.failure = failure;
	}

	/**
	 * Creates the exception.
	 * @param failure why the token was refused
	 * @param description what went wrong
	 */
	public RejectedTokenException(AuthFailure failure, String description) {
		super(description);
		this.failure = failure;
	}

	/**
	 * Returns the category of any refusal of a bearer token: this exception's own, or
	 * that of a decoder's refusal it wraps (as Spring Security's
	 * {@code JwtAuthenticationProvider} wraps them).
	 * @param ex the refusal
	 * @return the category; {@link AuthFailure#BEARER_MALFORMED} for a refusal with no
	 * cause (a malformed {@code Authorization} header),
	 * {@link AuthFailure#BEARER_INVALID} for one of unknown cause
	 */
	public static AuthFailure failureOf(InvalidBearerTokenException ex) {
		if (ex instanceof RejectedTokenException rejected) {
			return rejected.failure();
		}
		Throwable cause = ex.getCause();
		if (cause instanceof BadJwtException) {
			return RejectedJwtValidationException.failureOf(cause);
		}
		return (cause != null) ? AuthFailure.BEARER_INVALID : AuthFailure.BEARER_MALFORMED;
	}

	/**
	 * Returns why the token was refused.
	 * @return the category
	 */
	public AuthFailure failure() {
		return this.failure;
	}

}
