package dev.foundation.core.error;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Something the application needs to answer (its database, for instance) cannot be
 * reached right now (503); the response carries {@code Retry-After}. The request did
 * nothing wrong: the same request may succeed once the service is back, which is why this
 * is not an {@link ExternalServiceException}'s "did not answer correctly".
 */
public class ServiceUnavailableException extends FoundationException {

	private final Duration retryAfter;

	/**
	 * Creates the exception.
	 * @param service a short name of what is unavailable, shown to the client, e.g.
	 * {@code database}
	 * @param retryAfter how long the caller should wait before retrying
	 * @param cause the underlying failure, logged only
	 */
	public ServiceUnavailableException(String service, Duration retryAfter, @Nullable Throwable cause) {
		super(ProblemTypes.SERVICE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
				"The service is temporarily unavailable; retry after the time given in Retry-After", cause);
		this.retryAfter = retryAfter;
		with("service", service);
	}

	/**
	 * Returns how long the caller should wait before retrying.
	 * @return the delay
	 */
	public Duration getRetryAfter() {
		return this.retryAfter;
	}

}
