package dev.foundation.benchmarks;

import java.util.Map;
import java.util.Set;

import dev.foundation.benchmarks.BenchmarkLogging.LogFormat;
import dev.foundation.benchmarks.RequestChain.Piece;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * Fails the trial before measuring when a chain does not do what its pieces claim: a
 * benchmark of a filter that is not registered, or of masking that is not applied, would
 * report a flattering and meaningless ratio.
 */
final class SetupCheck {

	private static final String EMAIL = "jane.doe@example.com";

	private final BenchmarkLogging logging;

	SetupCheck(BenchmarkLogging logging) {
		this.logging = logging;
	}

	SetupCheck verify(MockMvc chain, Set<Piece> pieces) {
		boolean context = pieces.contains(Piece.CONTEXT_FILTER);
		boolean problemDetails = pieces.contains(Piece.PROBLEM_DETAILS);
		LogFormat format = pieces.contains(Piece.MASKED_JSON_LOG) ? LogFormat.MASKED_JSON
				: pieces.contains(Piece.JSON_LOG) ? LogFormat.JSON : LogFormat.PATTERN;
		Map<LogFormat, String> logs = this.logging.capture(() -> {
			MockHttpServletResponse ok = perform(chain, RequestChain.OK);
			expect(ok.getStatus() == 200 && body(ok).equals("{\"status\":\"ok\",\"version\":1}")
					&& (ok.getHeader(RequestChain.REQUEST_ID_HEADER) != null) == context, "/ping", pieces, ok);
			MockHttpServletResponse missing = perform(chain, RequestChain.NOT_FOUND);
			expect(missing.getStatus() == 404, "/items/42", pieces, missing);
			if (problemDetails) {
				String body = body(missing);
				expect("application/problem+json".equals(missing.getContentType())
						&& body.contains("\"type\":\"" + RequestChain.TYPE_BASE_URI + "not-found\"")
						&& (!context || body.contains(
								"\"correlationId\":\"" + missing.getHeader(RequestChain.REQUEST_ID_HEADER) + "\"")),
						"/items/42", pieces, missing);
			}
			this.logging.logger(format).info("Contact {}", EMAIL);
		});
		String log = logs.get(format);
		boolean written = switch (format) {
			case PATTERN -> log.contains(" : Ping served") && log.contains(" : Contact " + EMAIL) && !log.contains("{");
			case JSON -> log.contains("\"message\":\"Ping served\"") && log.contains("\"message\":\"Contact " + EMAIL);
			case MASKED_JSON -> log.contains("\"message\":\"Ping served\"")
					&& log.contains("\"message\":\"Contact ****\"") && !log.contains(EMAIL);
		};
		if (!written || (format != LogFormat.PATTERN && context != log.contains("\"correlation_id\":"))) {
			throw new IllegalStateException(
					"The " + format + " logger of " + pieces + " wrote unexpected lines:\n" + log);
		}
		return this;
	}

	private static MockHttpServletResponse perform(MockMvc chain, RequestBuilder request) {
		try {
			return chain.perform(request).andReturn().getResponse();
		}
		catch (Exception ex) {
			throw new IllegalStateException("The request failed", ex);
		}
	}

	private static String body(MockHttpServletResponse response) {
		try {
			return response.getContentAsString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void expect(boolean condition, String what, Set<Piece> pieces, MockHttpServletResponse response) {
		if (!condition) {
			throw new IllegalStateException(
					what + " with " + pieces + " did not answer as expected: " + response.getStatus() + " "
							+ response.getContentType() + " " + response.getHeaderNames() + " " + body(response));
		}
	}

}
