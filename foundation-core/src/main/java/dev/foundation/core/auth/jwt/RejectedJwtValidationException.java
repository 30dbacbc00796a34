package dev.foundation.core.auth.jwt;

import java.util.Collection;

import dev.foundation.core.auth.AuthFailure;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A token whose claims failed a check, with the category of the first failed check.
 */
final class RejectedJwtValidationException extends JwtValidationException {

	private final AuthFailure failure;

	RejectedJwtValidationException(AuthFailure failure, String message, Collection<OAuth2Error> errors) {
		super(message, errors);
		this.failure = failure;
	}

	AuthFailure failure() {
		return this.failure;
	}

	/**
	 * Returns the category of a token refusal from any of the foundation's decoders, or
	 * of another decoder's (whose reasons are not known).
	 * @param ex the refusal
	 * @return the category
	 */
	static AuthFailure failureOf(Throwable ex) {
		if (ex instanceof RejectedJwtValidationException rejected) {
			return rejected.failure();
		}
		if (ex instanceof RejectedJwtException rejected) {
			return rejected.failure();
		}
		if (ex instanceof JwtValidationException) {
			return AuthFailure.BEARER_REJECTED_CLAIMS;
		}
		return AuthFailure.BEARER_INVALID;
	}

}
