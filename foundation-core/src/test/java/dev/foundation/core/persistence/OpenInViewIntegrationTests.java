package dev.foundation.core.persistence;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.foundation.core.persistence.autoconfigure.FoundationSchemaAutoConfiguration;
import dev.foundation.test.FoundationTestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server-sent event stream holds no database connection while it is open: with a pool
 * of two connections (Flyway needs two at startup), other requests are served while three
 * streams are open. It holds only because the foundation turns "open session in view" off
 * by default; with it on, the stream's first query would keep the connection for the
 * stream's whole life.
 */
@SpringBootTest(classes = OpenInViewIntegrationTests.StreamingApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.flyway.locations=classpath:db/test-entities", "spring.jpa.hibernate.ddl-auto=validate",
				"spring.datasource.hikari.maximum-pool-size=2", "spring.datasource.hikari.connection-timeout=500",
				"spring.main.banner-mode=off" })
class OpenInViewIntegrationTests {

	private static final ScheduledExecutorService streams = Executors.newScheduledThreadPool(3);

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private Environment environment;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		FoundationTestServices.register(registry, "open_in_view");
	}

	@AfterAll
	static void stopStreams() {
		streams.shutdownNow();
	}

	@Test
	void openInViewIsOffByDefault() {
		assertThat(this.environment.getProperty("spring.jpa.open-in-view")).isEqualTo("false");
	}

	@Test
	void openStreamsLeaveThePoolsOnlyConnectionToOtherRequests() throws Exception {
		// Three streams that each queried the database and then stay open for two
		// seconds.
		List<CompletableFuture<HttpResponse<String>>> open = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			open.add(this.http.sendAsync(request("/stream"), HttpResponse.BodyHandlers.ofString()));
		}
		Thread.sleep(500);
		// Each of these needs a connection within 500 ms, while the streams are still
		// open.
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> count = this.http.send(request("/count"), HttpResponse.BodyHandlers.ofString());
			assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
		}
		assertThat(open).noneMatch(CompletableFuture::isDone);
		for (CompletableFuture<HttpResponse<String>> stream : open) {
			assertThat(stream.get(10, TimeUnit.SECONDS).body()).contains("data:widgets=").contains("data:done");
		}
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
	}

	@RestController
	static class StreamController {

		private final TestWidgetRepository widgets;

		StreamController(TestWidgetRepository widgets) {
			this.widgets = widgets;
		}

		@GetMapping("/stream")
		SseEmitter stream() throws IOException {
			SseEmitter emitter = new SseEmitter(10_000L);
			emitter.send("widgets=" + this.widgets.count());
			streams.schedule(() -> {
				try {
					emitter.send("done");
					emitter.complete();
				}
				catch (IOException ex) {
					emitter.completeWithError(ex);
				}
			}, 2, TimeUnit.SECONDS);
			return emitter;
		}

		@GetMapping("/count")
		long count() {
			return this.widgets.count();
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class,
			TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
			DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class, FoundationSchemaAutoConfiguration.class,
			HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class,
			DataJpaRepositoriesAutoConfiguration.class })
	@EntityScan(basePackageClasses = TestWidget.class)
	@EnableJpaRepositories(basePackageClasses = TestWidget.class, considerNestedRepositories = true)
	@Import(StreamController.class)
	static class StreamingApplication {

	}

}
