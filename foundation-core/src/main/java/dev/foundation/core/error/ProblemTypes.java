package dev.foundation.core.error;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The problem type slugs the foundation emits. Each is appended to
 * {@code foundation.errors.type-base-uri} to form a stable {@code type} URI; clients may
 * switch on them. Documented in {@code docs/errors.md}.
 */
public final class ProblemTypes {

	/** The resource does not exist (404). */
	public static final String NOT_FOUND = "not-found";

	/** The input failed validation; see the {@code errors} member (400). */
	public static final String VALIDATION_FAILED = "validation-failed";

	/** The request is not well formed: unreadable body, wrong parameter type (400). */
	public static final String MALFORMED_REQUEST = "malformed-request";

	/** A required parameter, header, part or path variable is missing (400). */
	public static final String MISSING_PARAMETER = "missing-parameter";

	/**
	 * The request conflicts with the resource's state: duplicate, stale version (409).
	 */
	public static final String CONFLICT = "conflict";

	/** No or invalid credentials (401). */
	public static final String UNAUTHORIZED = "unauthorized";

	/** Authenticated but not allowed (403). */
	public static final String FORBIDDEN = "forbidden";

	/** Too many requests; see {@code Retry-After} (429). */
	public static final String RATE_LIMITED = "rate-limited";

	/** The HTTP method is not supported by the resource (405). */
	public static final String METHOD_NOT_ALLOWED = "method-not-allowed";

	/** The request's media type is not supported (415). */
	public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";

	/** None of the acceptable media types can be produced (406). */
	public static final String NOT_ACCEPTABLE = "not-acceptable";

	/** The payload exceeds the configured limit (413). */
	public static final String PAYLOAD_TOO_LARGE = "payload-too-large";

	/** A service the application depends on failed or timed out (502/503/504). */
	public static final String EXTERNAL_SERVICE_FAILURE = "external-service-failure";

	/**
	 * Something the application needs (its database, for instance) cannot be reached
	 * right now; see {@code Retry-After} (503). The request may be retried unchanged.
	 */
	public static final String SERVICE_UNAVAILABLE = "service-unavailable";

	/**
	 * An unexpected failure; details are only in the log under the correlation id (500).
	 */
	public static final String INTERNAL_ERROR = "internal-error";

	/** Any other client error without a more specific type. */
	public static final String BAD_REQUEST = "bad-request";

	private static final Map<String, String> TITLES = Map.ofEntries(Map.entry(NOT_FOUND, "Resource not found"),
			Map.entry(VALIDATION_FAILED, "Validation failed"), Map.entry(MALFORMED_REQUEST, "Malformed request"),
			Map.entry(MISSING_PARAMETER, "Missing parameter"), Map.entry(CONFLICT, "Conflict"),
			Map.entry(UNAUTHORIZED, "Unauthorized"), Map.entry(FORBIDDEN, "Forbidden"),
			Map.entry(RATE_LIMITED, "Too many requests"), Map.entry(METHOD_NOT_ALLOWED, "Method not allowed"),
			Map.entry(UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"), Map.entry(NOT_ACCEPTABLE, "Not acceptable"),
			Map.entry(PAYLOAD_TOO_LARGE, "Payload too large"),
			Map.entry(EXTERNAL_SERVICE_FAILURE, "External service failure"),
			Map.entry(SERVICE_UNAVAILABLE, "Service unavailable"), Map.entry(INTERNAL_ERROR, "Internal error"),
			Map.entry(BAD_REQUEST, "Bad request"));

	private ProblemTypes() {
	}

	/**
	 * Returns the title of a problem type: the same for every occurrence, as RFC 9457
	 * section 3.1.3 asks.
	 * @param type the slug
	 * @return the title, or {@code null} for a slug the foundation does not define
	 */
	public static @Nullable String titleOf(String type) {
		return TITLES.get(type);
	}

}
