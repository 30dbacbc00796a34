package dev.foundation.core.error.web;

import java.io.IOException;

import dev.foundation.core.database.DatabaseUnavailability;
import dev.foundation.core.database.DatabaseUnavailableException;
import dev.foundation.core.error.ServiceUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 problem+json with {@code Retry-After} when a "database unavailable" failure
 * ({@link DatabaseUnavailability}) escapes a later filter: tenant resolution, API-key
 * lookup, anything outside Spring MVC that reads the database. Without it the container
 * would turn the exception into a 500. Registered early (right after the request context
 * and nosniff filters), for request, async and error dispatches; every other exception
 * passes through unchanged.
 */
public class DatabaseUnavailableFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

	private final ProblemResponseWriter problems;

	/**
	 * Creates the filter.
	 * @param problems writes the problem response
	 */
	public DatabaseUnavailableFilter(ProblemResponseWriter problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			ServiceUnavailableException unavailable = DatabaseUnavailability.toServiceUnavailable(ex);
			if (unavailable == null || response.isCommitted()) {
				throw ex;
			}
			logUnavailable(request, ex);
			ProblemDetails.headersOf(unavailable).forEach((name, values) -> response.setHeader(name, values.get(0)));
			this.problems.write(response, this.problems.problemDetails().create(unavailable, request.getRequestURI()));
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	/**
	 * Logs a request answered 503 because the database is unavailable: one line at warn
	 * level, without the stack trace, which an outage would otherwise repeat for every
	 * request (at debug level it is logged); nothing above debug level while the circuit
	 * breaker is open and answers at once.
	 * @param request the request
	 * @param failure the failure
	 */
	static void logUnavailable(HttpServletRequest request, Throwable failure) {
		if (isRejectedByOpenBreaker(failure)) {
			// The breaker said so once when it opened; a line per request would flood the
			// log for as long as the outage lasts.
			logger.debug("Database unavailable on {} {} (circuit breaker open)", request.getMethod(),
					request.getRequestURI());
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Database unavailable on {} {}", request.getMethod(), request.getRequestURI(), failure);
		}
		else {
			logger.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(),
					rootMessage(failure));
		}
	}

	private static boolean isRejectedByOpenBreaker(Throwable failure) {
		@Nullable Throwable current = failure;
		for (int depth = 0; current != null && depth < 32; depth++) {
			if (current instanceof DatabaseUnavailableException unavailable) {
				return unavailable.getCause() == null;
			}
			current = current.getCause();
		}
		return false;
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		for (int depth = 0; depth < 32; depth++) {
			Throwable cause = root.getCause();
			if (cause == null || cause == root) {
				break;
			}
			root = cause;
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
