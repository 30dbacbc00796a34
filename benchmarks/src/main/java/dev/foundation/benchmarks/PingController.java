package dev.foundation.benchmarks;

import java.util.function.Function;

import org.slf4j.Logger;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The trivial endpoint both variants serve: one log line per request, then a small JSON
 * body or a 404.
 * <p>
 * The logger and the "not found" exception are handed in, so the baseline and the
 * foundation variant run the very same handler code and differ only in what surrounds it.
 */
@RestController
public final class PingController {

	private static final Pong PONG = new Pong("ok", 1);

	private final Logger logger;

	private final Function<String, RuntimeException> notFound;

	PingController(Logger logger, Function<String, RuntimeException> notFound) {
		this.logger = logger;
		this.notFound = notFound;
	}

	@GetMapping("/ping")
	public Pong ping() {
		this.logger.info("Ping served");
		return PONG;
	}

	@GetMapping("/items/{id}")
	public Pong item(@PathVariable("id") String id) {
		this.logger.info("Looking up item {}", id);
		throw this.notFound.apply(id);
	}

	/**
	 * The response body.
	 *
	 * @param status a fixed status word
	 * @param version a fixed number
	 */
	public record Pong(String status, int version) {
	}

}
