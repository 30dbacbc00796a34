package dev.foundation.core.error.tomcat;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.core.error.ProblemTypes;
import dev.foundation.core.error.web.ProblemDetails;
import dev.foundation.core.error.web.ProblemResponseWriter;
import dev.foundation.core.web.NoSniffFilter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error report as problem+json: answers what Tomcat rejects before the
 * application sees the request (a request line or header it cannot parse, a control
 * character in a header, headers over {@code server.max-http-request-header-size}) and
 * any error no error page rendered. Such a request never passed the request context
 * filter, so the problem gets a fresh correlation id, sent in the request id header too
 * and logged at debug with the status. Nothing of the request is echoed: no
 * {@code instance}, no header, no exception message.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	private static final Logger logger = LoggerFactory.getLogger(ProblemErrorReportValve.class);

	private final ProblemResponseWriter writer;

	private final ProblemDetails problemDetails;

	private final String requestIdHeader;

	private final boolean nosniff;

	/**
	 * Creates the valve.
	 * @param writer writes the problem
	 * @param problemDetails builds the problem
	 * @param requestIdHeader the header carrying the correlation id, e.g.
	 * {@code X-Request-Id}
	 * @param nosniff whether the response carries {@code X-Content-Type-Options: nosniff}
	 */
	public ProblemErrorReportValve(ProblemResponseWriter writer, ProblemDetails problemDetails, String requestIdHeader,
			boolean nosniff) {
		this.writer = writer;
		this.problemDetails = problemDetails;
		this.requestIdHeader = requestIdHeader;
		this.nosniff = nosniff;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		int code = response.getStatus();
		// As Tomcat's own report: only for an error nothing has been written for, and
		// only once.
		if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		HttpStatusCode status = HttpStatusCode.valueOf(code);
		try (RequestContexts.Scope scope = RequestContexts.bind(RequestContext.detached())) {
			String correlationId = RequestContexts.current().correlationId();
			logger.debug("Request answered by the server with {} before reaching the application", code);
			ProblemDetail problem = this.problemDetails.create(typeOf(status), status, ProblemDetails.titleFor(status),
					detailOf(status), null);
			response.setHeader(this.requestIdHeader, correlationId);
			if (this.nosniff) {
				response.setHeader(NoSniffFilter.HEADER, "nosniff");
			}
			this.writer.write(response, problem);
			response.finishResponse();
		}
		catch (Exception ex) {
			logger.debug("Could not write the error report", ex);
		}
	}

	private static @Nullable String typeOf(HttpStatusCode status) {
		if (status.value() == HttpStatus.BAD_REQUEST.value()
				|| status.value() == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value()) {
			return ProblemTypes.MALFORMED_REQUEST;
		}
		return ProblemDetails.typeFor(status);
	}

	private static String detailOf(HttpStatusCode status) {
		if (status.value() == HttpStatus.BAD_REQUEST.value()) {
			return "The request line or headers could not be read";
		}
		if (status.value() == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.value()) {
			return "The request headers are too large";
		}
		return status.is5xxServerError() ? "The request could not be completed; quote the correlation id"
				: ProblemDetails.titleFor(status);
	}

}
