package dev.foundation.core.auth.apikey;

import dev.foundation.core.auth.AuthFailure;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * An API key refused, with the category of the refusal for monitoring
 * ({@code foundation.auth.failures}); the client is not told which.
 */
public class RejectedApiKeyException extends BadCredentialsException {

	private final AuthFailure failure;

	/**
	 * Creates the exception.
	 * @param failure why the key was refused, one of the {@code API_KEY_*} categories
	 */
	public RejectedApiKeyException(AuthFailure failure) {
		super("Invalid API key");
		this.failure = failure;
	}

	/**
	 * Returns why the key was refused.
	 * @return the category
	 */
	public AuthFailure failure() {
		return this.failure;
	}

}
