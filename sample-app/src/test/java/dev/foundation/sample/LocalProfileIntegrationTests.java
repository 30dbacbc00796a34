package dev.foundation.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code local} profile's development issuer ({@code POST /dev/tokens},
 * {@code GET /dev/jwks.json}): tokens it mints are accepted like any custom issuer's. Its
 * issuer and key set URLs contain {@code ${server.port}}, so this context listens on a
 * fixed port chosen when the class loads.
 * <p>
 * A second application context (the first is {@link SampleIntegrationTestSupport}'s),
 * closed after this class so that it does not outlive its tests. That {@code /dev/tokens}
 * is absent without the profile is tested in the first context, by
 * {@link AuthenticationIntegrationTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "sample.dev-services.enabled=false",
				// The shared test issuers (SampleAuthentication) are configured next to
				// the development issuer.
				"sample.dev-auth.allow-with-real-issuers=true" })
@ActiveProfiles("local")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LocalProfileIntegrationTests extends SampleIntegrationTestSupport {

	private static final int PORT = freePort();

	@Autowired
	private WebApplicationContext context;

	@DynamicPropertySource
	static void fixedPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	@Test
	void devIssuerMintsTokensTheApplicationAccepts() throws Exception {
		HttpResponse<String> minted = send(anonymous("/dev/tokens").header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers
				.ofString("{\"userId\":\"dev-user-1\",\"tenantId\":\"acme\",\"roles\":[\"admin\"]}")));
		assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
		JsonNode tokenResponse = json.readTree(minted.body());
		assertThat(tokenResponse.path("token_type").asString()).isEqualTo("Bearer");
		assertThat(tokenResponse.path("expires_in").asInt()).isEqualTo(3600);

		HttpResponse<String> response = send(withToken("/api/v1/me", tokenResponse.path("access_token").asString()));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode me = json.readTree(response.body());
		assertThat(me.path("userId").asString()).isEqualTo("dev-user-1");
		assertThat(me.path("provider").asString()).isEqualTo("CUSTOM");
		assertThat(me.path("issuer").asString()).isEqualTo("http://localhost:" + PORT + "/dev");
		assertThat(me.path("tenantId").asString()).isEqualTo("acme");
		assertThat(strings(me.path("roles"))).containsExactly("admin");
		assertThat(me.path("contextUserId").asString()).isEqualTo("dev-user-1");
	}

	@Test
	void devIssuerRefusesToMintTokensForCallersOnOtherHosts() throws Exception {
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(this.context).build();
		MvcResult result = mvc.perform(MockMvcRequestBuilders.post("/dev/tokens").with((request) -> {
			request.setRemoteAddr("203.0.113.7");
			return request;
		}).contentType(MediaType.APPLICATION_JSON).content("{\"userId\":\"mallory\",\"roles\":[\"admin\"]}"))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(403);
		assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(result.getResponse().getContentAsString()).doesNotContain("access_token");
		assertThat(mvc.perform(MockMvcRequestBuilders.get("/dev/jwks.json").with((request) -> {
			request.setRemoteAddr("10.1.2.3");
			return request;
		})).andReturn().getResponse().getStatus()).isEqualTo(403);
	}

	@Test
	void devIssuerRefusesRequestsForwardedByAProxyOnThisMachine() throws Exception {
		for (String header : List.of("X-Forwarded-For", "Forwarded", "X-Real-IP")) {
			HttpResponse<String> minted = send(anonymous("/dev/tokens").header("Content-Type", "application/json")
				.header(header, header.equals("Forwarded") ? "for=203.0.113.7" : "203.0.113.7")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"userId\":\"mallory\"}")));
			assertProblem(minted, 403, "forbidden");
			assertThat(minted.body()).as(header).doesNotContain("access_token");
		}
	}

	@Test
	void devIssuerPublishesOnlyThePublicHalfOfItsKey() throws Exception {
		HttpResponse<String> response = send(anonymous("/dev/jwks.json"));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode keys = json.readTree(response.body()).path("keys");
		assertThat(keys).hasSize(1);
		JsonNode key = keys.get(0);
		assertThat(key.path("kty").asString()).isEqualTo("RSA");
		assertThat(key.path("kid").asString()).startsWith("dev-");
		assertThat(key.has("n")).isTrue();
		for (String privatePart : List.of("d", "p", "q", "dp", "dq", "qi")) {
			assertThat(key.has(privatePart)).as(privatePart).isFalse();
		}
	}

	@Test
	void rejectsMintRequestWithBlankUserId() throws Exception {
		assertInvalidMintRequest("{\"userId\":\" \",\"tenantId\":\"acme\"}", "userId");
	}

	@Test
	void rejectsMintRequestWithTooShortLifetime() throws Exception {
		assertInvalidMintRequest("{\"userId\":\"dev-user-1\",\"ttlSeconds\":5}", "ttlSeconds");
	}

	private void assertInvalidMintRequest(String body, String field) throws Exception {
		HttpResponse<String> response = send(anonymous("/dev/tokens").header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
		JsonNode problem = assertProblem(response, 400, "validation-failed");
		List<String> fields = new ArrayList<>();
		problem.path("errors").forEach((error) -> fields.add(error.path("field").asString()));
		assertThat(fields).isNotEmpty().containsOnly(field);
		assertThat(response.body()).doesNotContain("access_token");
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port for the local profile's server", ex);
		}
	}

}
