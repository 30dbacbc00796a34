package dev.foundation.core.context;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.headerDoesNotExist;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

class RequestContextPropagationTests {

	private final RequestContext context = new RequestContext("corr-1", "4bf92f3577b34da6a3ce929d0e0e4736",
			"203.0.113.7", "test", Instant.now(), "user-7", "tenant-3");

	private ThreadPoolTaskExecutor executor;

	@BeforeEach
	void startExecutor() {
		this.executor = new ThreadPoolTaskExecutor();
		// One worker, so a later task runs on the thread that ran the earlier one.
		this.executor.setCorePoolSize(1);
		this.executor.setMaxPoolSize(1);
		this.executor.setTaskDecorator(new ContextPropagatingTaskDecorator());
		this.executor.initialize();
	}

	@AfterEach
	void stopExecutor() {
		this.executor.shutdown();
		MDC.clear();
	}

	@Test
	void accessorIsRegisteredThroughServiceLoader() {
		assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
			.anySatisfy((accessor) -> assertThat(accessor).isInstanceOf(RequestContextThreadLocalAccessor.class)
				.extracting(ThreadLocalAccessor::key)
				.isEqualTo(RequestContextThreadLocalAccessor.KEY));
	}

	@Test
	void contextAndMdcReachTaskOnExecutorThread() throws Exception {
		Observation observation;
		try (RequestContexts.Scope scope = RequestContexts.bind(this.context)) {
			observation = this.executor.submit(Observation::take).get(10, TimeUnit.SECONDS);
		}
		assertThat(observation.thread()).isNotEqualTo(Thread.currentThread().getName());
		assertThat(observation.context()).isSameAs(this.context);
		assertThat(observation.mdc()).containsEntry(RequestContexts.MDC_CORRELATION_ID, "corr-1")
			.containsEntry(RequestContexts.MDC_TRACE_ID, "4bf92f3577b34da6a3ce929d0e0e4736")
			.containsEntry(RequestContexts.MDC_USER_ID, "user-7")
			.containsEntry(RequestContexts.MDC_TENANT_ID, "tenant-3");
	}

	@Test
	void workerIsClearedAfterTheTask() throws Exception {
		String worker;
		try (RequestContexts.Scope scope = RequestContexts.bind(this.context)) {
			worker = this.executor.submit(Observation::take).get(10, TimeUnit.SECONDS).thread();
		}
		Observation after = this.executor.submit(Observation::take).get(10, TimeUnit.SECONDS);
		assertThat(after.thread()).isEqualTo(worker);
		assertThat(after.context()).isNull();
		assertThat(after.mdc()).doesNotContainKeys(RequestContexts.MDC_CORRELATION_ID, RequestContexts.MDC_TRACE_ID,
				RequestContexts.MDC_USER_ID, RequestContexts.MDC_TENANT_ID);
	}

	@Test
	void taskSubmittedFromAnotherRequestSeesThatRequestsContext() throws Exception {
		try (RequestContexts.Scope scope = RequestContexts.bind(this.context)) {
			this.executor.submit(Observation::take).get(10, TimeUnit.SECONDS);
		}
		RequestContext other = RequestContext.detached();
		Observation observation;
		try (RequestContexts.Scope scope = RequestContexts.bind(other)) {
			observation = this.executor.submit(Observation::take).get(10, TimeUnit.SECONDS);
		}
		assertThat(observation.context()).isSameAs(other);
		assertThat(observation.mdc()).containsEntry(RequestContexts.MDC_CORRELATION_ID, other.correlationId())
			.doesNotContainKeys(RequestContexts.MDC_USER_ID, RequestContexts.MDC_TENANT_ID);
	}

	@Test
	void outboundRestClientCallCarriesCorrelationId() {
		RestClient.Builder builder = RestClient.builder();
		MockRestServiceServer server = MockRestServiceServer.bindTo(builder).build();
		RestClient client = builder.requestInterceptor(new CorrelationIdPropagatingInterceptor("X-Request-Id")).build();
		server.expect(requestTo("http://inventory.test/items"))
			.andExpect(header("X-Request-Id", "corr-1"))
			.andRespond(withSuccess());
		try (RequestContexts.Scope scope = RequestContexts.bind(this.context)) {
			client.get().uri("http://inventory.test/items").retrieve().toBodilessEntity();
		}
		server.verify();
	}

	@Test
	void outboundCallOutsideRequestCarriesNoCorrelationId() {
		RestClient.Builder builder = RestClient.builder();
		MockRestServiceServer server = MockRestServiceServer.bindTo(builder).build();
		RestClient client = builder.requestInterceptor(new CorrelationIdPropagatingInterceptor("X-Request-Id")).build();
		server.expect(requestTo("http://inventory.test/items"))
			.andExpect(headerDoesNotExist("X-Request-Id"))
			.andRespond(withSuccess());
		client.get().uri("http://inventory.test/items").retrieve().toBodilessEntity();
		server.verify();
	}

	@Test
	void outboundCallKeepsCorrelationIdSetByCaller() {
		RestClient.Builder builder = RestClient.builder();
		MockRestServiceServer server = MockRestServiceServer.bindTo(builder).build();
		RestClient client = builder.requestInterceptor(new CorrelationIdPropagatingInterceptor("X-Request-Id")).build();
		server.expect(requestTo("http://inventory.test/items"))
			.andExpect(header("X-Request-Id", "explicit"))
			.andRespond(withSuccess());
		try (RequestContexts.Scope scope = RequestContexts.bind(this.context)) {
			client.get()
				.uri("http://inventory.test/items")
				.headers((headers) -> headers.set("X-Request-Id", "explicit"))
				.retrieve()
				.toBodilessEntity();
		}
		server.verify();
	}

	@Test
	void outboundCallUsesConfiguredHeaderName() {
		RestClient.Builder builder = RestClient.builder();
		MockRestServiceServer server = MockRestServiceServer.bindTo(builder).build();
		RestClient client = builder.requestInterceptor(new CorrelationIdPropagatingInterceptor("X-Correlation-Id"))
			.build();
		server.expect(requestTo("http://inventory.test/items"))
			.andExpect(header("X-Correlation-Id", "corr-1"))
			.andExpect(headerDoesNotExist("X-Request-Id"))
			.andRespond(withSuccess());
		try (RequestContexts.Scope scope = RequestContexts.bind(this.context)) {
			client.get().uri("http://inventory.test/items").retrieve().toBodilessEntity();
		}
		server.verify();
	}

	record Observation(String thread, RequestContext context, Map<String, String> mdc) {

		static Observation take() {
			Map<String, String> mdc = MDC.getCopyOfContextMap();
			return new Observation(Thread.currentThread().getName(), RequestContexts.find().orElse(null),
					(mdc != null) ? mdc : Map.of());
		}

	}

}
