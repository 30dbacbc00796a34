package dev.foundation.benchmarks;

import java.util.List;
import java.util.Set;

import dev.foundation.benchmarks.BenchmarkLogging.LogFormat;
import dev.foundation.core.context.ClientIpResolver;
import dev.foundation.core.context.RequestContextFilter;
import dev.foundation.core.error.NotFoundException;
import dev.foundation.core.error.web.ProblemDetailExceptionHandler;
import dev.foundation.core.error.web.ProblemDetails;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.test.web.servlet.setup.StandaloneMockMvcBuilder;
import org.springframework.web.server.ResponseStatusException;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Builds a {@link MockMvc} around {@link PingController} with any subset of the
 * foundation's pieces, so that the full comparison and the piece-by-piece breakdown are
 * assembled the same way.
 */
final class RequestChain {

	/** Header carrying the correlation id, as configured by default. */
	static final String REQUEST_ID_HEADER = "X-Request-Id";

	/** Problem type base URI, as configured by default. */
	static final String TYPE_BASE_URI = "https://foundation.dev/problems/";

	// MockMvc's requests come from 127.0.0.1: trusting it makes the filter read
	// X-Forwarded-For, as behind a proxy.
	static final String TRUSTED_PROXY = "127.0.0.0/8";

	/**
	 * The browser-like {@code User-Agent} every request carries (the filter keeps it in
	 * the request context).
	 */
	static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) benchmark/1.0";

	/** The client address a proxy in front of the service would add. */
	static final String FORWARDED_FOR = "203.0.113.7";

	/** A request answered with a small JSON body. */
	static final RequestBuilder OK = get("/ping").accept("application/json")
		.header("User-Agent", USER_AGENT)
		.header("X-Forwarded-For", FORWARDED_FOR);

	/** A request whose handler throws "not found". */
	static final RequestBuilder NOT_FOUND = get("/items/{id}", "42").accept("application/json")
		.header("User-Agent", USER_AGENT)
		.header("X-Forwarded-For", FORWARDED_FOR);

	private RequestChain() {
	}

	/**
	 * Builds the chain.
	 * @param logging the benchmark's loggers
	 * @param pieces the foundation pieces to include; none gives bare Spring MVC
	 * @return the chain
	 */
	static MockMvc build(BenchmarkLogging logging, Set<Piece> pieces) {
		LogFormat format = pieces.contains(Piece.MASKED_JSON_LOG) ? LogFormat.MASKED_JSON
				: pieces.contains(Piece.JSON_LOG) ? LogFormat.JSON : LogFormat.PATTERN;
		boolean problemDetails = pieces.contains(Piece.PROBLEM_DETAILS);
		var controller = new PingController(logging.logger(format),
				problemDetails ? (id) -> new NotFoundException("No item " + id)
						: (id) -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No item " + id));
		StandaloneMockMvcBuilder builder = MockMvcBuilders.standaloneSetup(controller);
		if (problemDetails) {
			builder.setControllerAdvice(new ProblemDetailExceptionHandler(new ProblemDetails(TYPE_BASE_URI)));
		}
		if (pieces.contains(Piece.CONTEXT_FILTER)) {
			builder.addFilters(
					new RequestContextFilter(REQUEST_ID_HEADER, 64, new ClientIpResolver(List.of(TRUSTED_PROXY))));
		}
		return builder.build();
	}

	/**
	 * What the foundation adds to a request.
	 */
	enum Piece {

		/**
		 * {@link RequestContextFilter}: correlation id, client IP, MDC ids, response
		 * header.
		 */
		CONTEXT_FILTER,

		/**
		 * {@link ProblemDetailExceptionHandler}: problem+json errors, thrown as
		 * {@link NotFoundException}.
		 */
		PROBLEM_DETAILS,

		/** The foundation's JSON log encoder, without masking. */
		JSON_LOG,

		/** The foundation's JSON log encoder with the default masks. */
		MASKED_JSON_LOG

	}

}
