package dev.foundation.core.context;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RequestContextFilterTests {

	private static final String HEADER = "X-Request-Id";

	private final RequestContextFilter filter = new RequestContextFilter(HEADER, 64,
			new ClientIpResolver(List.of("10.0.0.0/8")));

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final AtomicReference<RequestContext> seen = new AtomicReference<>();

	private final AtomicReference<String> seenMdc = new AtomicReference<>();

	private final AtomicReference<String> seenUserMdc = new AtomicReference<>();

	private final AtomicReference<String> seenTenantMdc = new AtomicReference<>();

	@AfterEach
	void clearThread() {
		MDC.clear();
	}

	@Test
	void generatesCorrelationIdWhenRequestHasNone() throws Exception {
		run();
		String id = this.seen.get().correlationId();
		assertThat(UUID.fromString(id)).hasToString(id);
		assertThat(this.response.getHeader(HEADER)).isEqualTo(id);
	}

	@Test
	void echoesValidInboundCorrelationId() throws Exception {
		this.request.addHeader(HEADER, "req-42.abc_DEF:1");
		run();
		assertThat(this.seen.get().correlationId()).isEqualTo("req-42.abc_DEF:1");
		assertThat(this.response.getHeader(HEADER)).isEqualTo("req-42.abc_DEF:1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc\r\nSet-Cookie: x", "<script>alert(1)</script>", "a b", "\"quoted\"" })
	void replacesMaliciousInboundCorrelationIdWithGeneratedOne(String malicious) throws Exception {
		this.request.addHeader(HEADER, malicious);
		run();
		assertReplacedBy(malicious);
	}

	@Test
	void replacesOverlongInboundCorrelationId() throws Exception {
		String overlong = "a".repeat(200);
		this.request.addHeader(HEADER, overlong);
		run();
		assertReplacedBy(overlong);
	}

	@Test
	void bindsContextAndMdcDuringChainOnly() throws Exception {
		this.request.addHeader(HEADER, "abc-123");
		run();
		assertThat(this.seen.get().correlationId()).isEqualTo("abc-123");
		assertThat(this.seenMdc.get()).isEqualTo("abc-123");
		assertThat(RequestContexts.find()).isEmpty();
		assertThat(MDC.get(RequestContexts.MDC_CORRELATION_ID)).isNull();
	}

	@Test
	void unbindsContextAndMdcWhenChainThrows() {
		this.request.addHeader(HEADER, "abc-123");
		Servlet failing = new HttpServlet() {

			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) {
				RequestContextFilterTests.this.seen.set(RequestContexts.current());
				RequestContextFilterTests.this.seenMdc.set(MDC.get(RequestContexts.MDC_CORRELATION_ID));
				throw new IllegalStateException("boom");
			}

		};
		assertThatIllegalStateException()
			.isThrownBy(() -> this.filter.doFilter(this.request, this.response, new MockFilterChain(failing)))
			.withMessage("boom");
		assertThat(this.seenMdc.get()).isEqualTo("abc-123");
		assertThat(RequestContexts.find()).isEmpty();
		assertThat(MDC.get(RequestContexts.MDC_CORRELATION_ID)).isNull();
	}

	@Test
	void restoresContextBoundBeforeTheRequest() throws Exception {
		RequestContext outer = RequestContext.detached();
		try (RequestContexts.Scope scope = RequestContexts.bind(outer)) {
			run();
			assertThat(this.seen.get().correlationId()).isNotEqualTo(outer.correlationId());
			assertThat(RequestContexts.current()).isSameAs(outer);
			assertThat(MDC.get(RequestContexts.MDC_CORRELATION_ID)).isEqualTo(outer.correlationId());
		}
		assertThat(RequestContexts.find()).isEmpty();
	}

	@Test
	void takesTraceIdFromValidTraceparent() throws Exception {
		this.request.addHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		run();
		assertThat(this.seen.get().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void ignoresInvalidTraceparent() throws Exception {
		this.request.addHeader("traceparent", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01");
		run();
		assertThat(this.seen.get().traceId()).isNull();
	}

	@Test
	void resolvesClientIpAcrossTrustedProxy() throws Exception {
		this.request.setRemoteAddr("10.0.0.5");
		this.request.addHeader("X-Forwarded-For", "6.6.6.6, 203.0.113.7");
		run();
		assertThat(this.seen.get().clientIp()).isEqualTo("203.0.113.7");
	}

	@Test
	void ignoresForwardedForFromUntrustedPeer() throws Exception {
		this.request.setRemoteAddr("198.51.100.9");
		this.request.addHeader("X-Forwarded-For", "203.0.113.7");
		run();
		assertThat(this.seen.get().clientIp()).isEqualTo("198.51.100.9");
	}

	@Test
	void stripsControlCharactersFromUserAgentAndTruncatesIt() throws Exception {
		this.request.addHeader("User-Agent", "curl/8\r\nX-Injected: 1" + "x".repeat(400));
		run();
		String userAgent = this.seen.get().userAgent();
		assertThat(userAgent).startsWith("curl/8X-Injected: 1").doesNotContain("\r", "\n");
		assertThat(userAgent.length()).isLessThanOrEqualTo(256);
	}

	@Test
	void errorDispatchReusesTheRequestsContext() throws Exception {
		run();
		RequestContext original = this.seen.get();
		this.seen.set(null);
		this.request.setDispatcherType(DispatcherType.ERROR);
		this.request.removeHeader(HEADER);
		this.request.addHeader(HEADER, "other-id");
		MockHttpServletResponse errorResponse = new MockHttpServletResponse();
		this.filter.doFilter(this.request, errorResponse, new MockFilterChain(recordingServlet()));
		assertThat(this.seen.get()).isSameAs(original);
		assertThat(errorResponse.getHeader(HEADER)).isEqualTo(original.correlationId());
		assertThat(RequestContexts.find()).isEmpty();
	}

	@Test
	void asyncDispatchRebindsTheRequestsContext() throws Exception {
		run();
		RequestContext original = this.seen.get();
		this.seen.set(null);
		this.seenMdc.set(null);
		this.request.setDispatcherType(DispatcherType.ASYNC);
		this.filter.doFilter(this.request, new MockHttpServletResponse(), new MockFilterChain(recordingServlet()));
		assertThat(this.seen.get()).isSameAs(original);
		assertThat(this.seenMdc.get()).isEqualTo(original.correlationId());
		assertThat(RequestContexts.find()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ERROR", "ASYNC" })
	void laterDispatchBindsTheContextTheRequestEndedWithThenClearsIt(DispatcherType later) throws Exception {
		// The authentication and tenant filters add to the context on the request
		// dispatch only.
		Servlet enriching = new HttpServlet() {

			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) {
				RequestContexts.replace(RequestContexts.current().withUserId("user-1").withTenantId("tenant-1"));
				throw new IllegalStateException("boom");
			}

		};
		assertThatIllegalStateException()
			.isThrownBy(() -> this.filter.doFilter(this.request, this.response, new MockFilterChain(enriching)));
		this.request.setDispatcherType(later);
		this.filter.doFilter(this.request, new MockHttpServletResponse(), new MockFilterChain(recordingServlet()));

		assertThat(this.seen.get().userId()).isEqualTo("user-1");
		assertThat(this.seen.get().tenantId()).isEqualTo("tenant-1");
		assertThat(this.seenUserMdc.get()).isEqualTo("user-1");
		assertThat(this.seenTenantMdc.get()).isEqualTo("tenant-1");
		assertThat(RequestContexts.find()).isEmpty();
		assertThat(MDC.get(RequestContexts.MDC_USER_ID)).isNull();
		assertThat(MDC.get(RequestContexts.MDC_TENANT_ID)).isNull();
	}

	@Test
	void contextOfAnotherRequestLeftBoundByTheChainIsNotKeptForLaterDispatches() throws Exception {
		RequestContext foreign = RequestContext.detached().withUserId("someone-else");
		Servlet leaking = new HttpServlet() {

			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) {
				RequestContexts.replace(foreign);
			}

		};
		this.filter.doFilter(this.request, this.response, new MockFilterChain(leaking));
		this.request.setDispatcherType(DispatcherType.ERROR);
		this.filter.doFilter(this.request, new MockHttpServletResponse(), new MockFilterChain(recordingServlet()));

		assertThat(this.seen.get().correlationId()).isEqualTo(this.response.getHeader(HEADER));
		assertThat(this.seen.get().userId()).isNull();
	}

	@Test
	void logsCompletedRequestWithItsIdsButWithoutQueryString() throws Exception {
		RequestContextFilter logging = new RequestContextFilter(HEADER, 64, new ClientIpResolver(List.of()), true);
		this.request.setQueryString("token=secret-token");
		this.request.addHeader(HEADER, "abc-123");
		List<ILoggingEvent> events = captureRequestLog(
				() -> logging.doFilter(this.request, this.response, new MockFilterChain(recordingServlet())));
		assertThat(events).singleElement().satisfies((event) -> {
			assertThat(event.getFormattedMessage()).startsWith("GET /orders -> 200 in ").doesNotContain("secret-token");
			assertThat(event.getMDCPropertyMap()).containsEntry(RequestContexts.MDC_CORRELATION_ID, "abc-123");
		});
	}

	@Test
	void quietPathsAreLoggedOnlyWhenTheyFailWithA5xx() throws Exception {
		RequestContextFilter logging = new RequestContextFilter(HEADER, 64, new ClientIpResolver(List.of()), true);
		logging.setQuietPaths(List.of("/actuator/health/**", "/probe"));
		List<ILoggingEvent> events = captureRequestLog(() -> {
			for (String path : List.of("/actuator/health/liveness", "/probe", "/app/probe", "/orders")) {
				MockHttpServletRequest probe = new MockHttpServletRequest("GET", "/app" + path);
				probe.setContextPath("/app");
				logging.doFilter(probe, new MockHttpServletResponse(), new MockFilterChain(recordingServlet()));
			}
			MockHttpServletRequest failing = new MockHttpServletRequest("GET", "/app/actuator/health/readiness");
			failing.setContextPath("/app");
			logging.doFilter(failing, new MockHttpServletResponse(), new MockFilterChain(new HttpServlet() {

				@Override
				protected void service(HttpServletRequest req, HttpServletResponse res) {
					res.setStatus(503);
				}

			}));
		});
		assertThat(events).extracting(ILoggingEvent::getFormattedMessage)
			.map((message) -> message.substring(0, message.indexOf(" in ")))
			.containsExactly("GET /app/app/probe -> 200", "GET /app/orders -> 200",
					"GET /app/actuator/health/readiness -> 503");
	}

	@Test
	void logsRequestThatFailedInTheChainAs500() {
		RequestContextFilter logging = new RequestContextFilter(HEADER, 64, new ClientIpResolver(List.of()), true);
		Servlet failing = new HttpServlet() {

			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) {
				throw new IllegalStateException("boom");
			}

		};
		List<ILoggingEvent> events = captureRequestLog(() -> {
			try {
				logging.doFilter(this.request, this.response, new MockFilterChain(failing));
			}
			catch (IllegalStateException expected) {
				// the failure is the container's to render
			}
		});
		assertThat(events).singleElement()
			.extracting(ILoggingEvent::getFormattedMessage, as(InstanceOfAssertFactories.STRING))
			.startsWith("GET /orders -> 500 in ");
	}

	@Test
	void logsEachRequestOnceAcrossErrorDispatch() throws Exception {
		RequestContextFilter logging = new RequestContextFilter(HEADER, 64, new ClientIpResolver(List.of()), true);
		List<ILoggingEvent> events = captureRequestLog(() -> {
			logging.doFilter(this.request, this.response, new MockFilterChain(recordingServlet()));
			this.request.setDispatcherType(DispatcherType.ERROR);
			logging.doFilter(this.request, new MockHttpServletResponse(), new MockFilterChain(recordingServlet()));
		});
		assertThat(events).hasSize(1);
	}

	@Test
	void logsAsyncRequestOnceWhenItCompletesWithItsFinalStatusAndUser() throws Exception {
		RequestContextFilter logging = new RequestContextFilter(HEADER, 64, new ClientIpResolver(List.of()), true);
		this.request.setAsyncSupported(true);
		Servlet startingAsync = new HttpServlet() {

			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) {
				RequestContexts.replace(RequestContexts.current().withUserId("user-1"));
				req.startAsync();
			}

		};
		List<ILoggingEvent> events = captureRequestLog(() -> {
			logging.doFilter(this.request, this.response, new MockFilterChain(startingAsync));
			assertThat(this.request.isAsyncStarted()).isTrue();
			this.request.setDispatcherType(DispatcherType.ASYNC);
			this.response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			logging.doFilter(this.request, this.response, new MockFilterChain(recordingServlet()));
			this.request.getAsyncContext().complete();
		});
		assertThat(events).singleElement().satisfies((event) -> {
			assertThat(event.getFormattedMessage()).startsWith("GET /orders -> 503 in ");
			assertThat(event.getMDCPropertyMap()).containsEntry(RequestContexts.MDC_USER_ID, "user-1");
		});
		assertThat(RequestContexts.find()).isEmpty();
	}

	@Test
	void doesNotLogRequestsUnlessAskedTo() throws Exception {
		List<ILoggingEvent> events = captureRequestLog(this::run);
		assertThat(events).isEmpty();
	}

	@Test
	void exposesContextAsRequestAttribute() throws Exception {
		run();
		assertThat(this.request.getAttribute(RequestContextFilter.CONTEXT_ATTRIBUTE)).isSameAs(this.seen.get());
	}

	private static List<ILoggingEvent> captureRequestLog(FilterRun run) {
		Logger logger = (Logger) LoggerFactory.getLogger("dev.foundation.request");
		List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
		AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {

			@Override
			protected void append(ILoggingEvent event) {
				// Copies the MDC now, while the request's ids are still bound.
				event.prepareForDeferredProcessing();
				events.add(event);
			}

		};
		appender.start();
		Level level = logger.getLevel();
		logger.setLevel(Level.INFO);
		logger.addAppender(appender);
		try {
			run.run();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			logger.detachAppender(appender);
			logger.setLevel(level);
		}
		return events;
	}

	@FunctionalInterface
	private interface FilterRun {

		void run() throws Exception;

	}

	private void assertReplacedBy(String rejected) {
		String id = this.seen.get().correlationId();
		assertThat(id).isNotEqualTo(rejected);
		assertThat(UUID.fromString(id)).hasToString(id);
		assertThat(this.response.getHeader(HEADER)).isEqualTo(id);
		assertThat(this.seenMdc.get()).isEqualTo(id);
	}

	private void run() throws ServletException, IOException {
		this.filter.doFilter(this.request, this.response, new MockFilterChain(recordingServlet()));
	}

	private Servlet recordingServlet() {
		return new HttpServlet() {

			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) {
				RequestContextFilterTests.this.seen.set(RequestContexts.current());
				RequestContextFilterTests.this.seenMdc.set(MDC.get(RequestContexts.MDC_CORRELATION_ID));
				RequestContextFilterTests.this.seenUserMdc.set(MDC.get(RequestContexts.MDC_USER_ID));
				RequestContextFilterTests.this.seenTenantMdc.set(MDC.get(RequestContexts.MDC_TENANT_ID));
			}

		};
	}

}
