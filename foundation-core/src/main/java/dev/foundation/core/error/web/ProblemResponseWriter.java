package dev.foundation.core.error.web;

import java.io.IOException;

import dev.foundation.core.error.FoundationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;

/**
 * Writes problem+json straight to a servlet response, for code that runs outside Spring
 * MVC: Spring Security's entry point and handlers, servlet filters, Tomcat's error
 * report. The body is the one the foundation's controller advice renders for the same
 * exception (type, title, detail, {@code instance}, {@code correlationId}, extension
 * members, {@code Retry-After}), written by the same JSON converter, so it is HTML-safe
 * when MVC's JSON is.
 */
public final class ProblemResponseWriter {

	private static final Logger logger = LoggerFactory.getLogger(ProblemResponseWriter.class);

	private final ProblemDetails problemDetails;

	private final HttpMessageConverter<Object> converter;

	/**
	 * Creates the writer.
	 * @param problemDetails how problem details are built
	 * @param converter a JSON converter that can write {@link ProblemDetail} as
	 * {@code application/problem+json}
	 */
	public ProblemResponseWriter(ProblemDetails problemDetails, HttpMessageConverter<Object> converter) {
		if (!converter.canWrite(ProblemDetail.class, MediaType.APPLICATION_PROBLEM_JSON)) {
			throw new IllegalArgumentException(converter + " cannot write application/problem+json");
		}
		this.problemDetails = problemDetails;
		this.converter = converter;
	}

	/**
	 * Returns how this writer builds problem details.
	 * @return the problem details factory
	 */
	public ProblemDetails problemDetails() {
		return this.problemDetails;
	}

	/**
	 * Answers the request with the exception's problem detail and status.
	 * @param request the request, whose path becomes the {@code instance}
	 * @param response the response; nothing is written if it is already committed
	 * @param exception the exception; its detail is shown to the client, its cause only
	 * logged
	 * @throws IOException if the response cannot be written
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, FoundationException exception)
			throws IOException {
		if (exception.getStatus().is5xxServerError()) {
			logger.error("Request failed with {}", exception.getStatus().value(), exception);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Request rejected with {}: {}", exception.getStatus().value(), exception.toString());
		}
		ProblemDetails.headersOf(exception).forEach((name, values) -> values.forEach((value) -> {
			if (!response.isCommitted()) {
				response.setHeader(name, value);
			}
		}));
		ProblemDetail problem = this.problemDetails.create(exception, request.getRequestURI());
		ProblemDetails.exposeType(request, problem);
		write(response, problem);
	}

	/**
	 * Answers the request with a problem of the given status and type.
	 * @param request the request, whose path becomes the {@code instance}
	 * @param response the response; nothing is written if it is already committed
	 * @param status the status
	 * @param type the problem type slug (see
	 * {@link dev.foundation.core.error.ProblemTypes}), or {@code null} for the
	 * foundation's type of the status
	 * @param detail the explanation shown to the client; it must not quote the request
	 * @throws IOException if the response cannot be written
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status,
			@Nullable String type, String detail) throws IOException {
		String slug = (type != null) ? type : ProblemDetails.typeFor(status);
		ProblemDetail problem = this.problemDetails.create(slug, status, ProblemDetails.titleFor(status), detail,
				request.getRequestURI());
		ProblemDetails.exposeType(request, problem);
		write(response, problem);
	}

	/**
	 * Answers with a problem detail built elsewhere, e.g. with {@link ProblemDetails};
	 * its status becomes the response's.
	 * @param response the response; nothing is written if it is already committed
	 * @param problem the problem detail
	 * @throws IOException if the response cannot be written
	 */
	public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		if (response.isCommitted()) {
			logger.debug("Response already committed; problem {} not written", problem.getStatus());
			return;
		}
		response.resetBuffer();
		response.setStatus(problem.getStatus());
		ServletServerHttpResponse output = new ServletServerHttpResponse(response);
		this.converter.write(problem, MediaType.APPLICATION_PROBLEM_JSON, output);
		output.flush();
	}

}
