package dev.foundation.core.auth.jwt;

import dev.foundation.core.auth.AuthFailure;

import org.springframework.security.oauth2.jwt.BadJwtException;

/**
 * A token the Nimbus processor refused (signature, key, type, payload), with the category
 * of the refusal.
 */
final class RejectedJwtException extends BadJwtException {

	private final AuthFailure failure;

	RejectedJwtException(AuthFailure failure, String message, Throwable cause) {
		super(message, cause);
		this.failure = failure;
	}

	RejectedJwtException(AuthFailure failure, String message) {
		super(message);
		this.failure = failure;
	}

	AuthFailure failure() {
		return this.failure;
	}

}
