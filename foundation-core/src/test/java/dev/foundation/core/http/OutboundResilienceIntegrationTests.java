package dev.foundation.core.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.core.context.autoconfigure.RequestContextAutoConfiguration;
import dev.foundation.core.error.ExternalServiceException;
import dev.foundation.core.http.autoconfigure.OutboundHttpAutoConfiguration;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Boot's {@code RestClient.Builder} with the foundation's protection against a local stub
 * that answers, fails, hangs and recovers.
 */
class OutboundResilienceIntegrationTests {

	private final AtomicReference<String> mode = new AtomicReference<>("ok");

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();

	private HttpServer stub;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
						RestClientAutoConfiguration.class, RequestContextAutoConfiguration.class,
						OutboundHttpAutoConfiguration.class, MetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("foundation.http.client.defaults.service-name=stub",
				"foundation.http.client.defaults.timeout=1s", "foundation.http.client.defaults.retry-backoff=10ms",
				"foundation.http.client.defaults.minimum-calls=4", "foundation.http.client.defaults.sliding-window=4",
				"foundation.http.client.defaults.open-duration=400ms",
				"foundation.http.client.defaults.half-open-calls=1");

	@BeforeEach
	void startStub() throws IOException {
		this.stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.stub.setExecutor(Executors.newCachedThreadPool());
		this.stub.createContext("/", this::answer);
		this.stub.start();
	}

	@AfterEach
	void stopStub() {
		this.stub.stop(0);
	}

	private void answer(HttpExchange exchange) throws IOException {
		this.calls.computeIfAbsent(exchange.getRequestMethod(), (method) -> new AtomicInteger()).incrementAndGet();
		this.headers.add(Map.of("X-Request-Id", String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")),
				"traceparent", String.valueOf(exchange.getRequestHeaders().getFirst("traceparent"))));
		exchange.getRequestBody().readAllBytes();
		switch (this.mode.get()) {
			case "hang" -> {
				try {
					Thread.sleep(3000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				respond(exchange, 200, "late");
			}
			case "fail" -> respond(exchange, 500, "boom");
			case "unavailable" -> respond(exchange, 503, "busy");
			default -> respond(exchange, 200, "ok");
		}
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private String url() {
		return "http://127.0.0.1:" + this.stub.getAddress().getPort() + "/thing";
	}

	/**
	 * The first call of a fresh client (class loading, connecting) can take longer than
	 * the short time limits here on a busy machine; it is made and forgotten.
	 */
	private RestClient warmedUp(RestClient client) {
		String mode = this.mode.getAndSet("ok");
		client.get().uri(url()).retrieve().body(String.class);
		this.mode.set(mode);
		this.calls.clear();
		this.headers.clear();
		return client;
	}

	/** Lets requests still in flight arrive at the stub before counting. */
	private static void settle() throws InterruptedException {
		Thread.sleep(300);
	}

	private int calls(String method) {
		return this.calls.getOrDefault(method, new AtomicInteger()).get();
	}

	@Test
	void hangingCallTimesOutAs504() {
		this.mode.set("hang");
		this.contextRunner.withPropertyValues("foundation.http.client.defaults.max-attempts=1").run((context) -> {
			RestClient client = warmedUp(context.getBean(RestClient.Builder.class).build());
			long started = System.nanoTime();
			assertThatExceptionOfType(ExternalServiceException.class)
				.isThrownBy(() -> client.get().uri(url()).retrieve().body(String.class))
				.satisfies((ex) -> {
					assertThat(ex.getStatus()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
					assertThat(ex.getService()).isEqualTo("stub");
				});
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
		});
	}

	@Test
	void failingGetIsRetriedThenBecomes502() {
		this.mode.set("fail");
		this.contextRunner.withPropertyValues("foundation.http.client.defaults.minimum-calls=100").run((context) -> {
			RestClient client = warmedUp(context.getBean(RestClient.Builder.class).build());
			assertThatExceptionOfType(ExternalServiceException.class)
				.isThrownBy(() -> client.get().uri(url()).retrieve().body(String.class))
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.BAD_GATEWAY));
			assertThat(calls("GET")).isEqualTo(3);
		});
	}

	@Test
	void postIsNeverRetried() {
		this.mode.set("fail");
		this.contextRunner.withPropertyValues("foundation.http.client.defaults.minimum-calls=100").run((context) -> {
			RestClient client = warmedUp(context.getBean(RestClient.Builder.class).build());
			assertThatExceptionOfType(ExternalServiceException.class)
				.isThrownBy(() -> client.post().uri(url()).body("payload").retrieve().body(String.class));
			settle();
			assertThat(calls("POST")).as("a failed POST is not retried").isEqualTo(1);
			this.mode.set("hang");
			assertThatExceptionOfType(ExternalServiceException.class)
				.isThrownBy(() -> client.post().uri(url()).body("payload").retrieve().body(String.class))
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT));
			settle();
			assertThat(calls("POST")).as("a timed-out POST is not retried").isLessThanOrEqualTo(2);
		});
	}

	@Test
	void upstream503StaysA503() {
		this.mode.set("unavailable");
		this.contextRunner.withPropertyValues("foundation.http.client.defaults.max-attempts=1").run((context) -> {
			RestClient client = warmedUp(context.getBean(RestClient.Builder.class).build());
			assertThatExceptionOfType(ExternalServiceException.class)
				.isThrownBy(() -> client.get().uri(url()).retrieve().body(String.class))
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
		});
	}

	@Test
	void breakerOpensHalfOpensAndClosesAsTheHostFailsAndRecovers() {
		this.contextRunner.withPropertyValues("foundation.http.client.defaults.max-attempts=1").run((context) -> {
			RestClient client = warmedUp(context.getBean(RestClient.Builder.class).build());
			ResilientRequestInterceptor interceptor = context.getBean(ResilientRequestInterceptor.class);
			this.mode.set("fail");
			for (int call = 0; call < 4; call++) {
				assertThatExceptionOfType(ExternalServiceException.class)
					.isThrownBy(() -> client.get().uri(url()).retrieve().body(String.class));
			}
			CircuitBreaker breaker = interceptor.breakers().circuitBreaker("127.0.0.1");
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
			int before = calls("GET");
			assertThatExceptionOfType(ExternalServiceException.class)
				.isThrownBy(() -> client.get().uri(url()).retrieve().body(String.class))
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
			assertThat(calls("GET")).as("an open breaker does not call the host").isEqualTo(before);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("resilience4j.circuitbreaker.state")
				.tags("name", "127.0.0.1", "state", "open")
				.gauge()
				.value()).isEqualTo(1.0);
			assertThat(context.getBean("outboundHealthIndicator", HealthIndicator.class).health().getDetails())
				.containsKey("127.0.0.1")
				.extractingByKey("127.0.0.1")
				.asString()
				.contains("OPEN");

			this.mode.set("ok");
			Thread.sleep(500);
			assertThat(client.get().uri(url()).retrieve().body(String.class)).isEqualTo("ok");
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		});
	}

	@Test
	void breakerGoesBackToOpenWhenTheTrialCallFails() {
		this.contextRunner.withPropertyValues("foundation.http.client.defaults.max-attempts=1").run((context) -> {
			RestClient client = warmedUp(context.getBean(RestClient.Builder.class).build());
			CircuitBreaker breaker = context.getBean(ResilientRequestInterceptor.class)
				.breakers()
				.circuitBreaker("127.0.0.1");
			this.mode.set("fail");
			for (int call = 0; call < 4; call++) {
				assertThatExceptionOfType(ExternalServiceException.class)
					.isThrownBy(() -> client.get().uri(url()).retrieve().body(String.class));
			}
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
			Thread.sleep(500);
			int before = calls("GET");
			assertThatExceptionOfType(ExternalServiceException.class)
				.isThrownBy(() -> client.get().uri(url()).retrieve().body(String.class))
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.BAD_GATEWAY));
			assertThat(calls("GET")).as("the half-open trial call reached the host").isEqualTo(before + 1);
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		});
	}

	@Test
	void propagatesCorrelationIdAndTraceparent() {
		this.contextRunner.run((context) -> {
			RestClient client = warmedUp(context.getBean(RestClient.Builder.class).build());
			String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
			RequestContext requestContext = RequestContext.detached();
			requestContext = new RequestContext(requestContext.correlationId(), traceId, null, null,
					requestContext.startedAt(), null, null);
			try (RequestContexts.Scope scope = RequestContexts.bind(requestContext)) {
				assertThat(client.get().uri(url()).retrieve().body(String.class)).isEqualTo("ok");
			}
			Map<String, String> seen = this.headers.get(0);
			assertThat(seen.get("X-Request-Id")).isEqualTo(requestContext.correlationId());
			assertThat(seen.get("traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01");
		});
	}

	@Test
	void fullBulkheadIs503() {
		this.mode.set("hang");
		this.contextRunner
			.withPropertyValues("foundation.http.client.defaults.max-concurrent-calls=1",
					"foundation.http.client.defaults.timeout=2s", "foundation.http.client.defaults.max-attempts=1")
			.run((context) -> {
				RestClient client = warmedUp(context.getBean(RestClient.Builder.class).build());
				Thread first = new Thread(() -> {
					try {
						client.get().uri(url()).retrieve().body(String.class);
					}
					catch (RuntimeException ex) {
						// Times out; the point is that it holds the only slot meanwhile.
					}
				});
				first.start();
				while (calls("GET") == 0) {
					Thread.sleep(10);
				}
				assertThatExceptionOfType(ExternalServiceException.class)
					.isThrownBy(() -> client.get().uri(url()).retrieve().body(String.class))
					.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
				first.join();
			});
	}

	@Test
	void offWhenSwitchedOff() {
		this.contextRunner.withPropertyValues("foundation.http.client.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ResilientRequestInterceptor.class));
	}

}
