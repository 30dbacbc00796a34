package dev.foundation.core.error.web;

import java.net.URI;
import java.time.Duration;

import dev.foundation.core.context.RequestContexts;
import dev.foundation.core.error.FoundationException;
import dev.foundation.core.error.ProblemTypes;
import dev.foundation.core.error.RateLimitedException;
import dev.foundation.core.error.ServiceUnavailableException;
import dev.foundation.core.error.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Builds the foundation's problem details: a stable {@code type} URI, title, status,
 * detail, {@code instance} and the {@code correlationId} member that lets support find
 * the request's log lines.
 */
public final class ProblemDetails {

	/** Name of the extension member carrying the correlation id. */
	public static final String CORRELATION_ID = "correlationId";

	/**
	 * Name of the request attribute holding the {@code type} (a {@code String}, the URI
	 * as in the body, {@code about:blank} included) of the problem the foundation built
	 * for the request: set by {@link #complete} when a request is bound to the thread
	 * (Spring MVC's handlers and error controller) and by {@link ProblemResponseWriter}
	 * (filters, Spring Security). Lets code around the request, such as an audit filter,
	 * learn what problem the client got without parsing the response. Absent when the
	 * response is not one of the foundation's problems.
	 */
	public static final String PROBLEM_TYPE_ATTRIBUTE = "dev.foundation.core.error.web.ProblemDetails.type";

	private final String typeBaseUri;

	/**
	 * Creates the factory.
	 * @param typeBaseUri prefix of every problem type URI, ending with {@code /} or
	 * {@code :}
	 */
	public ProblemDetails(String typeBaseUri) {
		this.typeBaseUri = typeBaseUri;
	}

	/**
	 * Creates a problem detail.
	 * @param type the problem type slug (see {@link ProblemTypes})
	 * @param status the HTTP status
	 * @param title the problem type's title
	 * @param detail the explanation shown to the client
	 * @param instance the request path, or {@code null}
	 * @return the problem detail
	 */
	public ProblemDetail create(@Nullable String type, HttpStatusCode status, String title, String detail,
			@Nullable String instance) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		return complete(problem, type, title, instance);
	}

	/**
	 * Creates the problem detail of a {@link FoundationException}: its type, status,
	 * title and detail, its extension members, and the {@code errors} of a
	 * {@link ValidationException}.
	 * @param exception the exception
	 * @param instance the request path, or {@code null}
	 * @return the problem detail
	 */
	public ProblemDetail create(FoundationException exception, @Nullable String instance) {
		ProblemDetail problem = create(exception.getType(), exception.getStatus(), exception.getTitle(),
				String.valueOf(exception.getMessage()), instance);
		exception.getProperties().forEach(problem::setProperty);
		if (exception instanceof ValidationException validation) {
			problem.setProperty("errors", validation.getViolations());
		}
		return problem;
	}

	/**
	 * Returns the response headers a {@link FoundationException} calls for:
	 * {@code Retry-After} for a {@link RateLimitedException} or a
	 * {@link ServiceUnavailableException}, in whole seconds (rounded up), at least one.
	 * @param exception the exception
	 * @return the headers, possibly empty
	 */
	public static HttpHeaders headersOf(FoundationException exception) {
		HttpHeaders headers = new HttpHeaders();
		if (exception instanceof RateLimitedException rateLimited) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, rateLimited.getRetryAfter().toSeconds())));
		}
		else if (exception instanceof ServiceUnavailableException unavailable) {
			headers.set(HttpHeaders.RETRY_AFTER, retryAfterSeconds(unavailable.getRetryAfter()));
		}
		return headers;
	}

	/**
	 * Formats a delay as a {@code Retry-After} value: whole seconds, rounded up, at least
	 * one.
	 * @param delay the delay
	 * @return the header value
	 */
	public static String retryAfterSeconds(Duration delay) {
		long millis = Math.max(0, delay.toMillis());
		return Long.toString(Math.max(1, (millis + 999) / 1000));
	}

	/**
	 * Fills in what the foundation adds to every problem detail.
	 * @param problem a problem detail, possibly created by Spring
	 * @param type the problem type slug, or {@code null} for a status without a
	 * foundation type ({@code about:blank})
	 * @param title the title, used when the type is not one of {@link ProblemTypes}'s
	 * (whose titles are fixed)
	 * @param instance the request path, or {@code null}
	 * @return the same problem detail
	 */
	public ProblemDetail complete(ProblemDetail problem, @Nullable String type, String title,
			@Nullable String instance) {
		if (type == null) {
			// RFC 9457 section 4.2.1: no semantics beyond the status code, whose phrase
			// is the title.
			problem.setType(URI.create("about:blank"));
			problem.setTitle(titleFor(HttpStatusCode.valueOf(problem.getStatus())));
		}
		else {
			problem.setType(URI.create(this.typeBaseUri + type));
			String standardTitle = ProblemTypes.titleOf(type);
			problem.setTitle((standardTitle != null) ? standardTitle : title);
		}
		if (instance != null) {
			problem.setInstance(safeUri(instance));
		}
		RequestContexts.find().ifPresent((context) -> problem.setProperty(CORRELATION_ID, context.correlationId()));
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes != null) {
			attributes.setAttribute(PROBLEM_TYPE_ATTRIBUTE, String.valueOf(problem.getType()),
					RequestAttributes.SCOPE_REQUEST);
		}
		return problem;
	}

	/**
	 * Records on the request which problem it is answered with
	 * ({@link #PROBLEM_TYPE_ATTRIBUTE}), for code that renders a problem where no request
	 * is bound to the thread.
	 * @param request the request
	 * @param problem the problem it is answered with
	 */
	public static void exposeType(HttpServletRequest request, ProblemDetail problem) {
		request.setAttribute(PROBLEM_TYPE_ATTRIBUTE, String.valueOf(problem.getType()));
	}

	/**
	 * Returns the problem type slug the foundation uses for a status without a more
	 * specific type.
	 * @param status the status
	 * @return the slug, or {@code null} when the foundation defines no type for the
	 * status
	 */
	public static @Nullable String typeFor(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		if (known == null) {
			return status.is5xxServerError() ? ProblemTypes.INTERNAL_ERROR : null;
		}
		return switch (known) {
			case NOT_FOUND -> ProblemTypes.NOT_FOUND;
			case METHOD_NOT_ALLOWED -> ProblemTypes.METHOD_NOT_ALLOWED;
			case UNSUPPORTED_MEDIA_TYPE -> ProblemTypes.UNSUPPORTED_MEDIA_TYPE;
			case NOT_ACCEPTABLE -> ProblemTypes.NOT_ACCEPTABLE;
			case CONTENT_TOO_LARGE -> ProblemTypes.PAYLOAD_TOO_LARGE;
			case UNAUTHORIZED -> ProblemTypes.UNAUTHORIZED;
			case FORBIDDEN -> ProblemTypes.FORBIDDEN;
			case CONFLICT -> ProblemTypes.CONFLICT;
			case TOO_MANY_REQUESTS -> ProblemTypes.RATE_LIMITED;
			case BAD_GATEWAY, SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT -> ProblemTypes.EXTERNAL_SERVICE_FAILURE;
			case BAD_REQUEST -> ProblemTypes.BAD_REQUEST;
			case INTERNAL_SERVER_ERROR -> ProblemTypes.INTERNAL_ERROR;
			default -> null;
		};
	}

	/**
	 * Returns the standard reason phrase of a status, used as the title when no specific
	 * title applies.
	 * @param status the status
	 * @return the title
	 */
	public static String titleFor(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

	// The path as the client sent it (still percent-encoded); anything that is not a
	// valid relative URI is dropped.
	private static @Nullable URI safeUri(String path) {
		try {
			URI uri = new URI(path);
			return (uri.getScheme() == null && uri.getRawAuthority() == null) ? uri : null;
		}
		catch (Exception ex) {
			return null;
		}
	}

}
