package dev.foundation.sample;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample shut down while requests are in flight and more keep coming: those in flight
 * finish with their answer; those arriving after shutdown began get 503 problem+json with
 * Retry-After (on kept-alive connections and new ones alike), not a reset, during the
 * drain period.
 */
class GracefulShutdownIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration DRAIN = Duration.ofSeconds(3);

	private static OutageTestApplication app;

	@BeforeAll
	static void start() throws Exception {
		app = OutageTestApplication.start(Map.of("foundation.shutdown.drain-period", DRAIN.toMillis() + "ms",
				"spring.lifecycle.timeout-per-shutdown-phase", "30s"), SlowController.class);
	}

	@AfterAll
	static void stop() throws Exception {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void inFlightRequestsFinishAndNewOnesAreRejectedWith503() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(app.send(app.request("/api/v1/slow?millis=10").timeout(Duration.ofSeconds(60))).body())
				.isEqualTo("done");
		}
		List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			// Longer than the drain period: the server's graceful shutdown waits for
			// them.
			inFlight
				.add(app.http.sendAsync(app.request("/api/v1/slow?millis=5000").timeout(Duration.ofSeconds(60)).build(),
						HttpResponse.BodyHandlers.ofString()));
		}
		Thread.sleep(700);
		long closing = System.nanoTime();
		Thread closer = new Thread(app.context::close, "closer");
		closer.start();
		Thread.sleep(300);
		List<HttpResponse<String>> rejected = new ArrayList<>();
		while (System.nanoTime() - closing < DRAIN.toNanos() - 800_000_000L) {
			rejected.add(app.send(app.request("/api/v1/contacts")));
			HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			rejected.add(fresh.send(app.request("/api/v1/contacts").build(), HttpResponse.BodyHandlers.ofString()));
		}
		for (CompletableFuture<HttpResponse<String>> request : inFlight) {
			HttpResponse<String> response = request.get();
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("done");
		}
		closer.join(60_000);
		assertThat(closer.isAlive()).isFalse();
		assertThat(rejected).hasSizeGreaterThanOrEqualTo(4).allSatisfy((response) -> {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
			JsonNode problem = json.readTree(response.body());
			assertThat(problem.path("type").asString())
				.isEqualTo("https://foundation.dev/problems/service-unavailable");
			assertThat(problem.path("service").asString()).isEqualTo("instance");
		});
	}

	@RestController
	static class SlowController {

		@GetMapping("/api/v1/slow")
		String slow(@RequestParam long millis) throws InterruptedException {
			Thread.sleep(millis);
			return "done";
		}

	}

}
