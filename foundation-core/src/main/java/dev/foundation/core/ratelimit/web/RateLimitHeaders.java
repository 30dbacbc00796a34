package dev.foundation.core.ratelimit.web;

import java.util.List;
import java.util.stream.Collectors;

import dev.foundation.core.ratelimit.RateLimitDecision;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The {@code RateLimit-Policy} and {@code RateLimit} response fields of the IETF HTTPAPI
 * draft "RateLimit header fields for HTTP" (structured-field lists: per policy its name
 * with {@code q} quota and {@code w} window in seconds; the remaining quota {@code r} and
 * seconds until the window resets {@code t}).
 */
final class RateLimitHeaders {

	static final String POLICY = "RateLimit-Policy";

	static final String LIMIT = "RateLimit";

	private RateLimitHeaders() {
	}

	static void write(List<RateLimitDecision> decisions, HttpServletResponse response) {
		List<RateLimitDecision> counted = decisions.stream().filter(RateLimitDecision::counted).toList();
		if (counted.isEmpty()) {
			return;
		}
		response.setHeader(POLICY,
				counted.stream()
					.map((decision) -> quoted(decision) + ";q=" + decision.policy().limit() + ";w="
							+ Math.max(1, decision.policy().period().toSeconds()))
					.collect(Collectors.joining(", ")));
		response.setHeader(LIMIT,
				counted.stream()
					.map((decision) -> quoted(decision) + ";r=" + decision.remaining() + ";t=" + seconds(decision))
					.collect(Collectors.joining(", ")));
	}

	/**
	 * Whole seconds, rounded up so that a client waiting that long finds the window
	 * reset.
	 */
	static long seconds(RateLimitDecision decision) {
		long millis = decision.reset().toMillis();
		return Math.max(decision.allowed() ? 0 : 1, (millis + 999) / 1000);
	}

	private static String quoted(RateLimitDecision decision) {
		// Names are configuration, but a structured-field string allows no '"' or '\'.
		return "\"" + decision.policy().name().replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_") + "\"";
	}

}
