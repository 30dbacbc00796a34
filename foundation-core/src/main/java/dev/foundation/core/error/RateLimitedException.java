package dev.foundation.core.error;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * The caller sent too many requests (429); the response carries {@code Retry-After}.
 */
public class RateLimitedException extends FoundationException {

	private final Duration retryAfter;

	/**
	 * Creates the exception.
	 * @param detail the explanation shown to the client
	 * @param retryAfter how long the caller should wait
	 */
	public RateLimitedException(String detail, Duration retryAfter) {
		super(ProblemTypes.RATE_LIMITED, HttpStatus.TOO_MANY_REQUESTS, "Too many requests", detail, null);
		this.retryAfter = retryAfter;
	}

	/**
	 * Returns how long the caller should wait before retrying.
	 * @return the delay
	 */
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

}
