package dev.foundation.benchmarks;

import dev.foundation.benchmarks.BenchmarkLogging.LogFormat;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The Boot application of {@link FilterChainHttpBenchmark}: everything auto-configured
 * (what is excluded, and so which variant it is, {@link PingServer} decides) plus
 * {@link PingController}. Nothing is component-scanned, so the other benchmarks' classes
 * in this package stay out.
 * <p>
 * Both variants run the same handler code: it throws Spring's
 * {@link ResponseStatusException} for "not found", which bare Boot renders through its
 * error page ({@code BasicErrorController}) and the foundation as problem+json.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class PingApplication {

	/** Property naming the {@link LogFormat} of the controller's logger. */
	static final String LOG_FORMAT = "benchmarks.log-format";

	/**
	 * The foundation's request log ({@code RequestContextFilter}), one line per completed
	 * request.
	 */
	static final String REQUEST_LOG = "dev.foundation.request";

	/**
	 * Boot re-initialises logback from {@code logback.xml} while the environment is
	 * prepared, which detaches every appender: the benchmark's loggers are added
	 * afterwards, when the beans are created.
	 * @return the benchmark's loggers, with the request log written like the controller's
	 * JSON lines
	 */
	@Bean
	BenchmarkLogging benchmarkLogging() {
		BenchmarkLogging logging = BenchmarkLogging.install();
		logging.route(REQUEST_LOG, LogFormat.MASKED_JSON);
		return logging;
	}

	@Bean
	PingController pingController(BenchmarkLogging logging, Environment environment) {
		LogFormat format = environment.getRequiredProperty(LOG_FORMAT, LogFormat.class);
		return new PingController(logging.logger(format),
				(id) -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No item " + id));
	}

}
