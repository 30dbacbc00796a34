package dev.foundation.benchmarks;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.foundation.benchmarks.BenchmarkLogging.LogFormat;
import dev.foundation.benchmarks.KeepAliveHttpClient.Response;
import dev.foundation.benchmarks.PingServer.Variant;
import dev.foundation.core.context.ClientIpResolver;
import dev.foundation.core.error.web.ProblemDetailExceptionHandler;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fails the trial unless a {@link PingServer} behaves as its variant claims, before
 * anything is measured: both answer {@code /ping} with 200 and the same JSON body; only
 * the foundation echoes {@code X-Request-Id}, answers the 404 as problem+json carrying
 * that correlation id, trusts the local proxy's {@code X-Forwarded-For}, and writes
 * masked JSON lines (the controller's and the request log's) with the correlation id;
 * neither runs Spring Security.
 */
final class HttpSetupCheck {

	private static final String PONG = "{\"status\":\"ok\",\"version\":1}";

	private static final String EMAIL = "jane.doe@example.com";

	private final PingServer server;

	HttpSetupCheck(PingServer server) {
		this.server = server;
	}

	void verify() {
		boolean foundation = this.server.variant() == Variant.FOUNDATION;
		String variant = this.server.variant().name().toLowerCase(Locale.ROOT);
		ConfigurableApplicationContext context = this.server.context();
		require(!context.containsBean("springSecurityFilterChain"), variant, "Spring Security's filter chain is on");
		require(context.containsBean("requestContextFilterRegistration") == foundation
				&& context.getBeanNamesForType(ProblemDetailExceptionHandler.class).length == (foundation ? 1 : 0),
				variant, "the foundation's filter and error handling are " + (foundation ? "missing" : "present"));
		if (foundation) {
			String client = context.getBean(ClientIpResolver.class).resolve("127.0.0.1", RequestChain.FORWARDED_FOR);
			require(RequestChain.FORWARDED_FOR.equals(client), variant,
					"X-Forwarded-For from 127.0.0.1 is not trusted");
		}
		BenchmarkLogging logging = context.getBean(BenchmarkLogging.class);
		Response[] responses = new Response[2];
		Map<LogFormat, String> logs = logging.capture(() -> {
			responses[0] = this.server.ok();
			responses[1] = this.server.notFound();
			logging.logger(foundation ? LogFormat.MASKED_JSON : LogFormat.PATTERN).info("Contact {}", EMAIL);
		});
		Response ok = responses[0];
		Response missing = responses[1];
		String okId = ok.header(RequestChain.REQUEST_ID_HEADER);
		String missingId = missing.header(RequestChain.REQUEST_ID_HEADER);
		require(PONG.equals(ok.body()) && contentType(ok).equals("application/json"), variant, "/ping answered " + ok);
		require((okId != null) == foundation && (missingId != null) == foundation, variant,
				"X-Request-Id is " + (foundation ? "missing" : "present") + ": " + ok + " " + missing);
		if (foundation) {
			require(contentType(missing).equals("application/problem+json")
					&& missing.body().contains("\"type\":\"" + RequestChain.TYPE_BASE_URI + "not-found\"")
					&& missing.body().contains("\"correlationId\":\"" + missingId + "\""), variant,
					"/items/42 is not problem+json with the correlation id: " + missing);
			// On by default; a system property can switch it off to show its share.
			boolean requestLog = context.getEnvironment()
				.getProperty("foundation.context.log-requests", Boolean.class, true);
			String log = logs.get(LogFormat.MASKED_JSON);
			require(log.contains("\"message\":\"Ping served\"") && log.contains("\"correlation_id\":\"" + okId + "\"")
					&& log.contains("\"message\":\"Looking up item 42\"")
					&& log.contains("\"logger_name\":\"" + PingApplication.REQUEST_LOG + "\"") == requestLog
					&& log.contains("\"http_status\":404") == requestLog && log.contains("\"message\":\"Contact ****\"")
					&& !log.contains(EMAIL), variant,
					"unexpected JSON lines (request log " + (requestLog ? "on" : "off") + "):\n" + log);
		}
		else {
			require(!contentType(missing).contains("problem") && !missing.body().contains("correlationId"), variant,
					"/items/42 is problem+json: " + missing);
			String log = logs.get(LogFormat.PATTERN);
			require(log.contains(" : Ping served") && log.contains(" : Looking up item 42")
					&& log.contains(" : Contact " + EMAIL) && !log.contains("{")
					&& logs.get(LogFormat.MASKED_JSON).isEmpty(), variant,
					"unexpected lines:\n" + log + logs.get(LogFormat.MASKED_JSON));
		}
	}

	private static String contentType(Response response) {
		String value = Objects.requireNonNullElse(response.header("Content-Type"), "");
		int parameters = value.indexOf(';');
		return (parameters < 0) ? value : value.substring(0, parameters).trim();
	}

	private static void require(boolean condition, String variant, String problem) {
		if (!condition) {
			throw new IllegalStateException("The " + variant + " application: " + problem);
		}
	}

}
