package dev.foundation.core.error.web;

import dev.foundation.core.database.DatabaseUnavailability;
import dev.foundation.core.error.FoundationException;
import dev.foundation.core.error.ServiceUnavailableException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers the servlet container's error dispatch (errors raised in filters,
 * {@code sendError} calls) with problem details too, replacing Boot's whitelabel/JSON
 * error controller. It never reveals the exception or its message, except the
 * client-facing detail of a {@link FoundationException} (itself or among the causes).
 */
@Controller
@RequestMapping("${server.error.path:/error}")
public class ProblemDetailErrorController implements ErrorController {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailErrorController.class);

	private final ProblemDetails problemDetails;

	/**
	 * Creates the controller.
	 * @param problemDetails how problem details are built
	 */
	public ProblemDetailErrorController(ProblemDetails problemDetails) {
		this.problemDetails = problemDetails;
	}

	/**
	 * Renders the error.
	 * @param request the error dispatch
	 * @return the problem response
	 */
	@RequestMapping
	public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatusCode status = status(request);
		Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		ServiceUnavailableException unavailable = (exception instanceof Throwable failure)
				? DatabaseUnavailability.toServiceUnavailable(failure) : null;
		if (unavailable != null && exception instanceof Throwable failure) {
			// A filter's "database unavailable" that reached the container: 503, not 500.
			DatabaseUnavailableFilter.logUnavailable(request, failure);
			ProblemDetail problem = this.problemDetails.create(unavailable, (uri instanceof String path) ? path : null);
			return ResponseEntity.status(unavailable.getStatus())
				.headers(ProblemDetails.headersOf(unavailable))
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
		}
		FoundationException foundation = (exception instanceof Throwable failure) ? FoundationCauses.find(failure)
				: null;
		if (foundation != null) {
			// A foundation exception thrown by a filter (or wrapped on its way out) keeps
			// its status and client-safe detail instead of becoming a 500.
			if (foundation.getStatus().is5xxServerError()) {
				logger.error("Request failed before reaching a controller", (Throwable) exception);
			}
			ProblemDetail problem = this.problemDetails.create(foundation, (uri instanceof String path) ? path : null);
			return ResponseEntity.status(foundation.getStatus())
				.headers(ProblemDetails.headersOf(foundation))
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
		}
		if (exception instanceof Throwable failure && status.is5xxServerError()) {
			logger.error("Request failed before reaching a controller", failure);
		}
		String detail = status.is5xxServerError()
				? "An unexpected error occurred; quote the correlation id when reporting it"
				: ProblemDetails.titleFor(status);
		String type = ProblemDetails.typeFor(status);
		ProblemDetail problem = this.problemDetails.create(type, status, ProblemDetails.titleFor(status), detail,
				(uri instanceof String path) ? path : null);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatusCode status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer value && value >= 400 && value < 600) {
			return HttpStatusCode.valueOf(value);
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
