package dev.foundation.core.context;

import java.io.IOException;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Adds the current correlation id to outbound HTTP calls, so the called service logs
 * under the same id. Calls made outside a request (no bound context) and calls that
 * already set the header are left alone.
 */
public final class CorrelationIdPropagatingInterceptor implements ClientHttpRequestInterceptor {

	private final String header;

	/**
	 * Creates the interceptor.
	 * @param header the header to write, usually {@code X-Request-Id}
	 */
	public CorrelationIdPropagatingInterceptor(String header) {
		this.header = header;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (!request.getHeaders().containsHeader(this.header)) {
			RequestContexts.find()
				.ifPresent((context) -> request.getHeaders().set(this.header, context.correlationId()));
		}
		return execution.execute(request, body);
	}

}
