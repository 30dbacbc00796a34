package dev.foundation.core.error;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A service the application depends on failed (502), is unavailable (503) or timed out
 * (504). The service's name is shown to the client; its error is only logged.
 */
public class ExternalServiceException extends FoundationException {

	private final String service;

	/**
	 * Creates a 502 exception.
	 * @param service a short name of the failing service, e.g. {@code payments}
	 * @param cause the underlying failure, logged only
	 */
	public ExternalServiceException(String service, @Nullable Throwable cause) {
		this(service, HttpStatus.BAD_GATEWAY, cause);
	}

	/**
	 * Creates the exception.
	 * @param service a short name of the failing service
	 * @param status {@code BAD_GATEWAY}, {@code SERVICE_UNAVAILABLE} or
	 * {@code GATEWAY_TIMEOUT}
	 * @param cause the underlying failure, logged only
	 */
	public ExternalServiceException(String service, HttpStatus status, @Nullable Throwable cause) {
		super(ProblemTypes.EXTERNAL_SERVICE_FAILURE, requireServerError(status), "External service failure",
				"The service '" + service + "' did not answer correctly; try again later", cause);
		this.service = service;
		with("service", service);
	}

	private static HttpStatus requireServerError(HttpStatus status) {
		if (!status.is5xxServerError()) {
			throw new IllegalArgumentException("An external service failure is a 5xx status, not " + status);
		}
		return status;
	}

	/**
	 * Returns the failing service's name.
	 * @return the name
	 */
	public String getService() {
		return this.service;
	}

}
