package dev.foundation.audit.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.foundation.audit.RedactingDetailProtector;
import dev.foundation.audit.internal.AuditTestDatabase;
import dev.foundation.audit.internal.AuditWriterMetrics;
import dev.foundation.audit.internal.BatchingAuditWriter;
import dev.foundation.audit.internal.ChainAppender;
import dev.foundation.audit.internal.ChainTransactions;
import dev.foundation.audit.internal.DefaultAuditLog;
import dev.foundation.audit.internal.FloodGate;
import dev.foundation.audit.internal.TenancyAuditTenantScope;
import dev.foundation.audit.internal.TransactionalAuditWriter;
import dev.foundation.core.context.ClientIpResolver;
import dev.foundation.core.context.RequestContextFilter;
import dev.foundation.core.error.ExternalServiceException;
import dev.foundation.core.error.ServiceUnavailableException;
import dev.foundation.core.error.web.ProblemDetailExceptionHandler;
import dev.foundation.core.error.web.ProblemDetails;
import dev.foundation.tenancy.rls.TenantBindingDataSourceTransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The {@code http.server_error} event of a 5xx carries the problem type the client got,
 * as core's error handling rendered it, and the request's correlation id; never the
 * exception's message or stack trace. Spring MVC with core's request-context filter and
 * exception handler, the audit filter and a writer on the real database.
 */
class ServerErrorAuditIntegrationTests {

	private static final String TYPE_BASE = "https://errors.example.com/";

	private static AuditTestDatabase database;

	private static BatchingAuditWriter writer;

	private static SecurityAuditFilter filter;

	private static MockMvc mvc;

	@BeforeAll
	static void start() {
		database = AuditTestDatabase.create();
		HikariDataSource pool = database.appPool(4);
		ChainTransactions chains = new ChainTransactions(new TenancyAuditTenantScope(),
				new TransactionTemplate(new TenantBindingDataSourceTransactionManager(pool, database.binding())), pool,
				new ChainAppender("foundation", Clock.systemUTC()));
		writer = new BatchingAuditWriter(chains, 100, 100, Duration.ofSeconds(5), Duration.ofSeconds(30),
				AuditWriterMetrics.NONE);
		writer.start();
		DefaultAuditLog log = new DefaultAuditLog(new TenancyAuditTenantScope(), new RedactingDetailProtector(),
				new TransactionalAuditWriter(chains, AuditWriterMetrics.NONE), writer, 8192);
		filter = new SecurityAuditFilter(log, new TenancyAuditTenantScope(),
				new FloodGate(Clock.systemUTC(), Duration.ofMinutes(1), 100, 1000), Duration.ofMinutes(1),
				AuditWriterMetrics.NONE, true);
		mvc = MockMvcBuilders.standaloneSetup(new FailingController())
			.setControllerAdvice(new ProblemDetailExceptionHandler(new ProblemDetails(TYPE_BASE)))
			.addFilters(new RequestContextFilter("X-Request-Id", 64, new ClientIpResolver(List.of())), filter)
			.build();
	}

	@AfterAll
	static void stop() {
		filter.destroy();
		writer.stop();
		database.close();
	}

	@Test
	void unexpectedExceptionIsRecordedAsInternalErrorWithTheCorrelationId() throws Exception {
		Map<String, Object> event = serverError("/fail/unexpected", 500);
		assertThat(event.get("problem_type")).isEqualTo(TYPE_BASE + "internal-error");
	}

	@Test
	void foundationExceptionIsRecordedWithItsOwnProblemType() throws Exception {
		Map<String, Object> event = serverError("/fail/unavailable", 503);
		assertThat(event.get("problem_type")).isEqualTo(TYPE_BASE + "service-unavailable");
		Map<String, Object> external = serverError("/fail/external", 502);
		assertThat(external.get("problem_type")).isEqualTo(TYPE_BASE + "external-service-failure");
	}

	// Requests the path with a known correlation id and returns the event's columns and
	// problem type, checking what every server error event holds and never holds.
	private static Map<String, Object> serverError(String path, int status) throws Exception {
		String correlationId = UUID.randomUUID().toString();
		MvcResult result = mvc.perform(get(path).header("X-Request-Id", correlationId)).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(status);
		String query = "select correlation_id, outcome, details ->> 'status' as status, details::text as details, "
				+ "details ->> 'problem_type' as problem_type from foundation.audit_events "
				+ "where action = 'http.server_error' and details ->> 'path' = ?";
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		List<Map<String, Object>> events;
		while ((events = database.adminJdbc().queryForList(query, path)).stream()
			.noneMatch((row) -> correlationId.equals(row.get("correlation_id"))) && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		Map<String, Object> event = events.stream()
			.filter((row) -> correlationId.equals(row.get("correlation_id")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no http.server_error event for " + path));
		assertThat(event.get("outcome")).isEqualTo("failure");
		assertThat(event.get("status")).isEqualTo(Integer.toString(status));
		assertThat((String) event.get("details")).doesNotContain("secret", "Exception", "at dev.");
		return event;
	}

	@RestController
	static class FailingController {

		@GetMapping("/fail/unexpected")
		String unexpected() {
			throw new IllegalStateException("secret internal state");
		}

		@GetMapping("/fail/unavailable")
		String unavailable() {
			throw new ServiceUnavailableException("payments", Duration.ofSeconds(30),
					new IllegalStateException("secret cause"));
		}

		@GetMapping("/fail/external")
		String external() {
			throw new ExternalServiceException("payments", new IllegalStateException("secret cause"));
		}

	}

}
