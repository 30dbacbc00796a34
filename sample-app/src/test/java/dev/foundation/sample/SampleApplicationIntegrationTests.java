package dev.foundation.sample;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.foundation.tenancy.persistence.TenantScope;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app on a random port, over real HTTP, against real PostgreSQL and Redis.
 */
class SampleApplicationIntegrationTests extends SampleIntegrationTestSupport {

	@Autowired
	private DataSource dataSource;

	@Autowired
	private PlatformTransactionManager transactions;

	@Test
	void readinessIsUpWithTheDatabaseAndLeavesRedisToTheOverallHealth() throws Exception {
		HttpResponse<String> response = send(withToken("/actuator/health/readiness", SampleAuthentication.userToken()));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("status").asString()).isEqualTo("UP");
		assertThat(body.path("components").path("db").path("status").asString()).isEqualTo("UP");
		// Redis is not required by the sample (foundation.health.redis-required): its
		// outage must not take the instance out of rotation.
		assertThat(body.path("components").has("redis")).isFalse();
		JsonNode overall = json.readTree(send(withToken("/actuator/health", SampleAuthentication.userToken())).body());
		assertThat(overall.path("components").path("redis").path("status").asString()).isEqualTo("UP");
	}

	@Test
	void livenessDependsOnNoExternalSystem() throws Exception {
		HttpResponse<String> response = send(anonymous("/actuator/health/liveness"));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("status").asString()).isEqualTo("UP");
		assertThat(response.body()).doesNotContain("\"db\"").doesNotContain("\"redis\"");
	}

	@Test
	void publicHealthAliasesAnswerLikeTheProbes() throws Exception {
		HttpResponse<String> liveness = send(anonymous("/api/v1/public/health"));
		HttpResponse<String> readiness = send(anonymous("/api/v1/public/health/ready"));
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(json.readTree(liveness.body()).path("status").asString()).isEqualTo("UP");
		assertThat(readiness.statusCode()).isEqualTo(200);
		// Anonymous callers of the public probes get the status alone.
		assertThat(readiness.body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(send(anonymous("/actuator/health/readiness")).body()).isEqualTo("{\"status\":\"UP\"}");
	}

	@Test
	void requestWithoutRequestIdGetsAGeneratedOne() throws Exception {
		HttpResponse<String> response = get("/api/v1/contacts");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(requestId(response)).matches(UUID_PATTERN);
	}

	@Test
	void validRequestIdIsEchoed() throws Exception {
		HttpResponse<String> response = send(request("/api/v1/contacts").header("X-Request-Id", "order-42.retry:1"));
		assertThat(requestId(response)).isEqualTo("order-42.retry:1");
	}

	@Test
	void maliciousRequestIdsAreReplaced() throws Exception {
		for (String malicious : List.of("abc<script>alert(1)</script>", "a\"b", "id with spaces", "x".repeat(65),
				"abc\tinjected")) {
			HttpResponse<String> response = send(request("/api/v1/contacts").header("X-Request-Id", malicious));
			assertThat(requestId(response)).as(malicious).matches(UUID_PATTERN);
		}
	}

	@Test
	void contactLifecycleWithOptimisticLockingAndSoftDeletion() throws Exception {
		HttpResponse<String> created = send(post("/api/v1/contacts",
				"{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"phone\":\"+4915112345678\"}"));
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode contact = json.readTree(created.body());
		String id = contact.path("id").asString();
		assertThat(UUID.fromString(id).version()).isEqualTo(7);
		assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/contacts/" + id);
		assertThat(created.headers().firstValue("ETag")).hasValue("\"0\"");

		HttpResponse<String> updated = send(request("/api/v1/contacts/" + id).header("Content-Type", "application/json")
			.header("If-Match", "\"0\"")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada King\",\"email\":\"ada@example.com\"}")));
		assertThat(updated.statusCode()).isEqualTo(200);
		assertThat(json.readTree(updated.body()).path("version").asLong()).isEqualTo(1);

		HttpResponse<String> stale = send(request("/api/v1/contacts/" + id).header("Content-Type", "application/json")
			.header("If-Match", "\"0\"")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Lost update\"}")));
		assertProblem(stale, 409, "conflict");

		HttpResponse<String> deleted = send(request("/api/v1/contacts/" + id).DELETE());
		assertThat(deleted.statusCode()).isEqualTo(204);
		assertProblem(get("/api/v1/contacts/" + id), 404, "not-found");
		// Plain SQL sees the tenant's rows only inside a transaction bound to the tenant
		// (row-level security).
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		String softDeleted = "select count(*) from contacts where id = ?::uuid and deleted_at is not null";
		assertThat(jdbc.queryForObject(softDeleted, Integer.class, id)).isZero();
		Integer remaining = TenantScope.call(defaultTenant().id(), () -> new TransactionTemplate(this.transactions)
			.execute((status) -> jdbc.queryForObject(softDeleted, Integer.class, id)));
		assertThat(remaining).isEqualTo(1);
	}

	@Test
	void invalidFieldsAreListedWithoutTheirValues() throws Exception {
		HttpResponse<String> response = send(
				post("/api/v1/contacts", "{\"name\":\"\",\"email\":\"<script>alert(1)</script>\"}"));
		JsonNode problem = assertProblem(response, 400, "validation-failed");
		List<String> fields = new ArrayList<>();
		problem.path("errors").forEach((error) -> fields.add(error.path("field").asString()));
		assertThat(fields).containsExactlyInAnyOrder("name", "email");
		assertThat(response.body()).doesNotContain("<script>");
	}

	@Test
	void frameworkErrorsAreProblemDetails() throws Exception {
		assertProblem(send(post("/api/v1/contacts", "{\"name\": \"unterminated")), 400, "malformed-request");
		assertProblem(send(request("/api/v1/contacts").header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("name=x"))), 415, "unsupported-media-type");
		HttpResponse<String> notAllowed = send(
				request("/api/v1/contacts").method("PATCH", HttpRequest.BodyPublishers.noBody()));
		assertProblem(notAllowed, 405, "method-not-allowed");
		assertThat(notAllowed.headers().firstValue("Allow")).isPresent();
		assertProblem(get("/api/v1/no-such-route"), 404, "not-found");
		assertProblem(get("/api/v1/contacts/not-a-uuid"), 400, "malformed-request");
		assertProblem(send(request("/api/v1/contacts/" + UUID.randomUUID()).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))), 400, "missing-parameter");
	}

	@Test
	void errorResponsesDoNotReflectInput() throws Exception {
		HttpResponse<String> response = send(
				request("/api/v1/contacts?%3Cscript%3E=1").header("Content-Type", "text/html<script>alert(1)</script>")
					.POST(HttpRequest.BodyPublishers.ofString("<script>alert(1)</script>")));
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.body()).doesNotContain("<script>").doesNotContain("text/html");
	}

	@Test
	void jsonLogLineOfARequestCarriesItsCorrelationId(CapturedOutput output) throws Exception {
		String requestId = "log-check-" + UUID.randomUUID();
		send(request("/api/v1/contacts").header("X-Request-Id", requestId));
		String line = output.getOut()
			.lines()
			.filter((candidate) -> candidate.contains("\"correlation_id\":\"" + requestId + "\""))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no log line with correlation id " + requestId));
		JsonNode event = json.readTree(line);
		assertThat(event.path("logger_name").asString()).isEqualTo("dev.foundation.request");
		assertThat(event.path("http_status").asInt()).isEqualTo(200);
		assertThat(event.path("service").asString()).isEqualTo("sample-app");
	}

	@Test
	void asyncListenerRunsUnderTheRequestsCorrelationIdAndTenant(CapturedOutput output) throws Exception {
		String requestId = "async-check-" + UUID.randomUUID();
		HttpResponse<String> created = send(
				post("/api/v1/contacts", "{\"name\":\"Async\"}").header("X-Request-Id", requestId));
		String id = json.readTree(created.body()).path("id").asString();
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode event = output.getOut()
				.lines()
				.filter((line) -> line.contains("Contact " + id + " created"))
				.map(json::readTree)
				.findFirst()
				.orElseThrow(() -> new AssertionError("no async log line yet"));
			assertThat(event.path("correlation_id").asString()).isEqualTo(requestId);
			assertThat(event.path("thread_name").asString()).doesNotStartWith("http-nio");
			// The tenant travelled too: the task read the contact through the
			// tenant-scoped repository.
			assertThat(event.path("tenant_id").asString()).isEqualTo(defaultTenant().id().toString());
			assertThat(event.path("message").asString()).endsWith("welcome sequence scheduled");
		});
	}

	@Test
	void sensitiveValuesAreMaskedInJsonLogs(CapturedOutput output) throws Exception {
		send(post("/api/v1/contacts", "{\"name\":\"Grace\",\"email\":\"grace.hopper@example.com\"}"));
		org.slf4j.LoggerFactory.getLogger("dev.foundation.sample")
			.info("Welcome mail sent to grace.hopper@example.com with token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdef");
		assertThat(output.getOut()).contains("Welcome mail sent to")
			.doesNotContain("grace.hopper@example.com")
			.doesNotContain("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0");
	}

	@Test
	void openApiDocumentListsTheApiWithTokenAndTenantHeader() throws Exception {
		HttpResponse<String> response = send(anonymous("/v3/api-docs"));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode document = json.readTree(response.body());
		assertThat(document.path("paths").has("/api/v1/contacts")).isTrue();
		assertThat(document.path("paths").has("/api/v1/tenant/members/{userId}")).isTrue();
		// The list's query parameters, none required: the cursor paging's, the name
		// filter and the one accepted sort.
		JsonNode parameters = document.path("paths").path("/api/v1/contacts").path("get").path("parameters");
		assertThat(parameters.valueStream().map((parameter) -> parameter.path("name").asString()))
			.containsExactlyInAnyOrder("name", "sort", "cursor", "size");
		assertThat(parameters.valueStream().map((parameter) -> parameter.path("in").asString())).containsOnly("query");
		assertThat(parameters.valueStream().filter((parameter) -> parameter.path("required").asBoolean())).isEmpty();
		// Swagger UI's "Authorize" sets the token and the tenant header together, for
		// every operation.
		JsonNode tenant = document.path("components").path("securitySchemes").path("tenant");
		assertThat(tenant.path("in").asString()).isEqualTo("header");
		assertThat(tenant.path("name").asString()).isEqualTo("X-Tenant-Id");
		JsonNode requirement = document.path("security").get(0);
		assertThat(requirement.has("bearer")).isTrue();
		assertThat(requirement.has("tenant")).isTrue();
	}

}
