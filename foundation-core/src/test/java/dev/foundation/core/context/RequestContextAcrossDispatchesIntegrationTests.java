package dev.foundation.core.context;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.core.auth.autoconfigure.AuthAutoConfiguration;
import dev.foundation.core.context.autoconfigure.RequestContextAutoConfiguration;
import dev.foundation.core.error.autoconfigure.ErrorHandlingAutoConfiguration;
import dev.foundation.test.auth.TestJwtIssuer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request context on the container's async and error dispatches, over a real Tomcat
 * with the foundation's security chain: the user (added by authentication) and the tenant
 * (added by a filter after it, as tenancy's resolution filter does) must still be bound,
 * in {@link RequestContexts} and the MDC, when a {@code Callable} completes or
 * {@code /error} renders a failure, although those filters do not run again on such
 * dispatches.
 */
@SpringBootTest(classes = RequestContextAcrossDispatchesIntegrationTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.main.banner-mode=off")
class RequestContextAcrossDispatchesIntegrationTests {

	private static final String TENANT_HEADER = "X-Test-Tenant";

	private static final TestJwtIssuer issuer = TestJwtIssuer.start();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final List<ILoggingEvent> errorLog = new CopyOnWriteArrayList<>();

	private final List<ILoggingEvent> requestLog = new CopyOnWriteArrayList<>();

	private final AppenderBase<ILoggingEvent> errorLogAppender = recordingInto(this.errorLog);

	private final AppenderBase<ILoggingEvent> requestLogAppender = recordingInto(this.requestLog);

	@LocalServerPort
	private int port;

	@Autowired
	private Probe probe;

	private final String userId = "user-" + UUID.randomUUID();

	private final String tenantId = "tenant-" + UUID.randomUUID();

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("foundation.auth.supabase.url", issuer::baseUrl);
	}

	@AfterAll
	static void closeIssuer() {
		issuer.close();
	}

	@BeforeEach
	void captureLogs() {
		this.errorLogAppender.start();
		errorLogger().addAppender(this.errorLogAppender);
		this.requestLogAppender.start();
		requestLogger().addAppender(this.requestLogAppender);
	}

	@AfterEach
	void releaseLogs() {
		errorLogger().detachAppender(this.errorLogAppender);
		requestLogger().detachAppender(this.requestLogAppender);
	}

	private static AppenderBase<ILoggingEvent> recordingInto(List<ILoggingEvent> events) {
		return new AppenderBase<>() {

			@Override
			protected void append(ILoggingEvent event) {
				// Copies the MDC now, while the request's ids are still bound.
				event.prepareForDeferredProcessing();
				events.add(event);
			}

		};
	}

	@Test
	void callableCompletionRunsAsTheAuthenticatedUserAndTenant() throws Exception {
		HttpResponse<String> response = get("/async/ok");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("done");
		String correlationId = correlationId(response);
		assertThat(this.probe.seen(correlationId, "callable")).isEqualTo(expected(correlationId));
		assertThat(this.probe.seen(correlationId, DispatcherType.ASYNC.name())).isEqualTo(expected(correlationId));
	}

	@Test
	void callableFailureIsLoggedAsTheAuthenticatedUserAndTenant() throws Exception {
		HttpResponse<String> response = get("/async/fails");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
		String correlationId = correlationId(response);
		assertThat(this.probe.seen(correlationId, DispatcherType.ASYNC.name())).isEqualTo(expected(correlationId));
		assertThat(loggedMdc(correlationId)).containsEntry(RequestContexts.MDC_USER_ID, this.userId)
			.containsEntry(RequestContexts.MDC_TENANT_ID, this.tenantId);
		ILoggingEvent requestLine = requestLine(correlationId);
		assertThat(requestLine.getFormattedMessage()).startsWith("GET /async/fails -> 500 in ");
		assertThat(requestLine.getMDCPropertyMap()).containsEntry(RequestContexts.MDC_USER_ID, this.userId)
			.containsEntry(RequestContexts.MDC_TENANT_ID, this.tenantId);
	}

	@Test
	void errorPathAfterSendErrorRunsAsTheAuthenticatedUserAndTenant() throws Exception {
		HttpResponse<String> response = get("/send-error");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("application/problem+json");
		String correlationId = correlationId(response);
		assertThat(this.probe.seen(correlationId, DispatcherType.ERROR.name())).isEqualTo(expected(correlationId));
	}

	@Test
	void errorPathAfterAThrowingFilterRunsAndLogsAsTheAuthenticatedUserAndTenant() throws Exception {
		HttpResponse<String> response = get("/filter-fails");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
		assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("application/problem+json");
		String correlationId = correlationId(response);
		assertThat(this.probe.seen(correlationId, DispatcherType.ERROR.name())).isEqualTo(expected(correlationId));
		assertThat(loggedMdc(correlationId)).containsEntry(RequestContexts.MDC_USER_ID, this.userId)
			.containsEntry(RequestContexts.MDC_TENANT_ID, this.tenantId);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		String token = issuer.supabase().user(this.userId).token();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header(TENANT_HEADER, this.tenantId)
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		return this.client.send(request, BodyHandlers.ofString());
	}

	private static String correlationId(HttpResponse<String> response) {
		return response.headers().firstValue("X-Request-Id").orElseThrow();
	}

	private Seen expected(String correlationId) {
		return new Seen(correlationId, this.userId, this.tenantId, this.userId, this.tenantId);
	}

	private Map<String, String> loggedMdc(String correlationId) {
		return this.errorLog.stream()
			.map(ILoggingEvent::getMDCPropertyMap)
			.filter((mdc) -> correlationId.equals(mdc.get(RequestContexts.MDC_CORRELATION_ID)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No error logged for request " + correlationId));
	}

	// The request line is written when the asynchronous request completes, which may be
	// just after the response.
	private ILoggingEvent requestLine(String correlationId) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			var line = this.requestLog.stream()
				.filter((event) -> correlationId
					.equals(event.getMDCPropertyMap().get(RequestContexts.MDC_CORRELATION_ID)))
				.findFirst();
			if (line.isPresent() || System.nanoTime() > deadline) {
				return line.orElseThrow(() -> new AssertionError("No request line logged for " + correlationId));
			}
			Thread.sleep(20);
		}
	}

	private static Logger errorLogger() {
		return (Logger) LoggerFactory.getLogger("dev.foundation.core.error.web");
	}

	private static Logger requestLogger() {
		return (Logger) LoggerFactory.getLogger("dev.foundation.request");
	}

	/**
	 * What one stage of a request saw: the bound context's ids and the MDC's.
	 */
	record Seen(@Nullable String correlationId, @Nullable String userId, @Nullable String tenantId,
			@Nullable String mdcUserId, @Nullable String mdcTenantId) {

		static Seen now() {
			RequestContext context = RequestContexts.find().orElse(null);
			return new Seen((context != null) ? context.correlationId() : null,
					(context != null) ? context.userId() : null, (context != null) ? context.tenantId() : null,
					MDC.get(RequestContexts.MDC_USER_ID), MDC.get(RequestContexts.MDC_TENANT_ID));
		}

	}

	/**
	 * Records what each stage of each request saw, by correlation id (taken from the raw
	 * MDC, never null here).
	 */
	static final class Probe {

		private final Map<String, Seen> seen = new ConcurrentHashMap<>();

		void record(String stage) {
			this.seen.put(MDC.get(RequestContexts.MDC_CORRELATION_ID) + "/" + stage, Seen.now());
		}

		@Nullable Seen seen(String correlationId, String stage) {
			return this.seen.get(correlationId + "/" + stage);
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class,
			TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
			HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
			TaskExecutionAutoConfiguration.class, SecurityAutoConfiguration.class,
			ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
			SecurityFilterAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class,
			RequestContextAutoConfiguration.class, ErrorHandlingAutoConfiguration.class, AuthAutoConfiguration.class })
	@Import(Endpoints.class)
	static class TestApplication implements WebMvcConfigurer {

		private final Probe probe = new Probe();

		@Bean
		Probe probe() {
			return this.probe;
		}

		/**
		 * Like tenancy's resolution filter: right after Spring Security, for the request
		 * dispatch only, the context of an authenticated request gains its tenant.
		 */
		@Bean
		FilterRegistrationBean<OncePerRequestFilter> tenantFilter() {
			var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {

				@Override
				protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
						FilterChain chain) throws ServletException, IOException {
					Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
					String tenant = request.getHeader(TENANT_HEADER);
					if (authentication != null && authentication.getPrincipal() instanceof FoundationPrincipal
							&& tenant != null) {
						RequestContexts.replace(RequestContexts.current().withTenantId(tenant));
					}
					chain.doFilter(request, response);
				}

			});
			registration.setOrder(-100 + 10);
			return registration;
		}

		/**
		 * A failure after authentication and tenant resolution, as a rate limiter's might
		 * be.
		 */
		@Bean
		FilterRegistrationBean<OncePerRequestFilter> failingFilter() {
			var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {

				@Override
				protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
						FilterChain chain) throws ServletException, IOException {
					if (request.getRequestURI().equals("/filter-fails")) {
						throw new IllegalStateException("filter failure");
					}
					chain.doFilter(request, response);
				}

			});
			registration.setOrder(-100 + 20);
			return registration;
		}

		@Override
		public void addInterceptors(InterceptorRegistry registry) {
			registry.addInterceptor(new HandlerInterceptor() {

				@Override
				public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
					if (request.getDispatcherType() != DispatcherType.REQUEST) {
						TestApplication.this.probe.record(request.getDispatcherType().name());
					}
					return true;
				}

			});
		}

	}

	@RestController
	static class Endpoints {

		private final Probe probe;

		Endpoints(Probe probe) {
			this.probe = probe;
		}

		@GetMapping("/async/ok")
		Callable<String> asyncOk() {
			return () -> {
				this.probe.record("callable");
				return "done";
			};
		}

		@GetMapping("/async/fails")
		Callable<String> asyncFails() {
			return () -> {
				throw new IllegalStateException("callable failure");
			};
		}

		@GetMapping("/send-error")
		void sendError(HttpServletResponse response) throws IOException {
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		}

	}

}
