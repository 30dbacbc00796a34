package dev.foundation.core.shutdown;

import java.io.IOException;
import java.time.Duration;

import dev.foundation.core.error.ServiceUnavailableException;
import dev.foundation.core.error.web.ProblemDetails;
import dev.foundation.core.error.web.ProblemResponseWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers requests that arrive after shutdown began with 503 problem+json
 * ({@code service-unavailable}, {@code service: "instance"}), {@code Retry-After} and
 * {@code Connection: close}, so that the client reconnects, reaching another instance.
 * Requests that arrived earlier are untouched and finish.
 */
public class ShutdownRejectionFilter extends OncePerRequestFilter {

	private final ShutdownGate gate;

	private final ProblemResponseWriter problems;

	private final Duration retryAfter;

	/**
	 * Creates the filter.
	 * @param gate tells whether shutdown began
	 * @param problems writes the problem response
	 * @param retryAfter the {@code Retry-After} of the rejections
	 */
	public ShutdownRejectionFilter(ShutdownGate gate, ProblemResponseWriter problems, Duration retryAfter) {
		this.gate = gate;
		this.problems = problems;
		this.retryAfter = retryAfter;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.gate.isClosed()) {
			chain.doFilter(request, response);
			return;
		}
		ServiceUnavailableException rejection = new ServiceUnavailableException("instance", this.retryAfter, null);
		response.setHeader(HttpHeaders.RETRY_AFTER, ProblemDetails.retryAfterSeconds(this.retryAfter));
		response.setHeader(HttpHeaders.CONNECTION, "close");
		this.problems.write(response, this.problems.problemDetails().create(rejection, request.getRequestURI()));
	}

}
