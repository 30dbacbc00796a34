package dev.foundation.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantDirectory;
import dev.foundation.test.FoundationTestServices;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app on a random port, over real HTTP, against real PostgreSQL and Redis,
 * trusting {@link SampleAuthentication}'s issuer. Every test class extending this one
 * shares one application context: Spring caches contexts by configuration, and the
 * {@code @DynamicPropertySource} method is declared only here.
 * <p>
 * Beyond the application's own configuration the context allows request headers up to 64
 * KB (Tomcat's default is 8 KB), so that tokens above
 * {@code foundation.auth.max-token-size} (8 KB here) reach the application, and shows
 * health components and details, so that the {@code jwks} component can be checked, and
 * records Hibernate's SQL ({@link RecordingStatementInspector}), so that query plans can
 * be checked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.dev-services.enabled=false", "server.max-http-request-header-size=64KB",
				"foundation.auth.max-token-size=8KB", "management.endpoint.health.show-components=always",
				"management.endpoint.health.show-details=always",
				"spring.jpa.properties.hibernate.session_factory.statement_inspector="
						+ "dev.foundation.sample.RecordingStatementInspector" })
@ExtendWith(OutputCaptureExtension.class)
abstract class SampleIntegrationTestSupport {

	static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	static final String PROBLEM_TYPE_PREFIX = "https://foundation.dev/problems/";

	static final JsonMapper json = JsonMapper.builder().build();

	final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	/**
	 * The tenant {@link #request(String)} acts in, owned by the default user; created
	 * once per JVM.
	 */
	private static @Nullable Tenant defaultTenant;

	@LocalServerPort
	int port;

	@Autowired
	TenantDirectory tenants;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		// As in production: the application's role owns nothing (so row-level security
		// applies to it); Flyway and the
		// foundation's migration run as the owner of the tables.
		FoundationTestServices.registerWithApplicationRole(registry, "sample");
		SampleAuthentication.register(registry);
		// A master key of this test run only (foundation-crypto encrypts contacts' e-mail
		// and phone).
		byte[] masterKey = new byte[32];
		new SecureRandom().nextBytes(masterKey);
		registry.add("foundation.crypto.master-keys[0].id", () -> "test-run");
		registry.add("foundation.crypto.master-keys[0].key", () -> Base64.getEncoder().encodeToString(masterKey));
	}

	JsonNode assertProblem(HttpResponse<String> response, int status, String type) throws IOException {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo(PROBLEM_TYPE_PREFIX + type);
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).isNotBlank();
		assertThat(problem.path("correlationId").asString()).isEqualTo(requestId(response));
		return problem;
	}

	static String requestId(HttpResponse<String> response) {
		return response.headers().firstValue("X-Request-Id").orElseThrow();
	}

	HttpResponse<String> get(String path) throws Exception {
		return send(request(path));
	}

	HttpRequest.Builder post(String path, String body) {
		return request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
	}

	/**
	 * A request with {@link SampleAuthentication#userToken() the default user's token},
	 * in {@link #defaultTenant()}.
	 */
	HttpRequest.Builder request(String path) {
		return withToken(path, SampleAuthentication.userToken()).header("X-Tenant-Id", defaultTenant().slug());
	}

	Tenant defaultTenant() {
		synchronized (SampleIntegrationTestSupport.class) {
			if (defaultTenant == null) {
				defaultTenant = this.tenants.create(uniqueSlug("default"), "Default tenant",
						SampleAuthentication.user(SampleAuthentication.USER_ID));
			}
			return defaultTenant;
		}
	}

	static String uniqueSlug(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	HttpRequest.Builder withToken(String path, String token) {
		return anonymous(path).header("Authorization", "Bearer " + token);
	}

	HttpRequest.Builder anonymous(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
