package dev.foundation.core.auth.apikey;

import java.util.Set;

import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.test.TestPostgres;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * API keys through the foundation's whole security filter chain, with the key table in a
 * real PostgreSQL migrated at startup.
 */
@SpringBootTest(classes = ApiKeyAuthenticationIntegrationTests.TestApplication.class,
		properties = { "foundation.auth.api-keys.enabled=true", "spring.main.banner-mode=off",
				"spring.jpa.hibernate.ddl-auto=none", "spring.flyway.enabled=false" })
@AutoConfigureMockMvc
class ApiKeyAuthenticationIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ApiKeyService apiKeys;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestPostgres postgres = TestPostgres.shared();
		String database = postgres.createDatabase("apikeys_web");
		registry.add("spring.datasource.url", () -> postgres.jdbcUrl(database));
		registry.add("spring.datasource.username", postgres::username);
		registry.add("spring.datasource.password", postgres::password);
	}

	@Test
	void validKeyReachesTheEndpointAsItsPrincipal() throws Exception {
		IssuedApiKey issued = this.apiKeys.issue("billing-sync", "tenant-1", Set.of("billing"), null);

		this.mvc.perform(get("/whoami").header("X-API-Key", issued.plaintext()))
			.andExpect(status().isOk())
			.andExpect(content().string("apikey:" + issued.key().id() + " tenant-1 API_KEY"));
	}

	@Test
	void invalidKeyIsUnauthorized() throws Exception {
		IssuedApiKey issued = this.apiKeys.issue("billing-sync", "tenant-1", Set.of("billing"), null);
		String forged = issued.plaintext().substring(0, 13) + "A".repeat(43);

		this.mvc.perform(get("/whoami").header("X-API-Key", forged)).andExpect(status().isUnauthorized());
	}

	@Test
	void revokedKeyIsUnauthorized() throws Exception {
		IssuedApiKey issued = this.apiKeys.issue("billing-sync", "tenant-1", Set.of("billing"), null);
		this.apiKeys.revoke("tenant-1", issued.key().id());

		this.mvc.perform(get("/whoami").header("X-API-Key", issued.plaintext())).andExpect(status().isUnauthorized());
	}

	@Test
	void keysIssuedRevokedUsedAndRefusedAreCountedByReason() throws Exception {
		double issuedBefore = count("foundation.auth.api-keys.issued");
		double revokedBefore = count("foundation.auth.api-keys.revoked");
		double usedBefore = count("foundation.auth.api-keys.authenticated");
		double unknownBefore = refusals("unknown-key");
		double revokedRefusalsBefore = refusals("revoked");
		double malformedBefore = refusals("malformed");
		double ambiguousBefore = refusals("ambiguous");
		IssuedApiKey issued = this.apiKeys.issue("metrics", "tenant-1", Set.of("billing"), null);
		this.mvc.perform(get("/whoami").header("X-API-Key", issued.plaintext())).andExpect(status().isOk());
		this.mvc.perform(get("/whoami").header("X-API-Key", issued.plaintext().substring(0, 13) + "A".repeat(43)))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(get("/whoami").header("X-API-Key", "not-a-key")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/whoami").header("X-API-Key", issued.plaintext()).header("Authorization", "Bearer x.y.z"))
			.andExpect(status().isUnauthorized());
		this.apiKeys.revoke("tenant-1", issued.key().id());
		this.apiKeys.revoke("tenant-1", issued.key().id());
		this.mvc.perform(get("/whoami").header("X-API-Key", issued.plaintext())).andExpect(status().isUnauthorized());

		assertThat(count("foundation.auth.api-keys.issued")).isEqualTo(issuedBefore + 1);
		assertThat(count("foundation.auth.api-keys.revoked")).as("revoked once, not twice")
			.isEqualTo(revokedBefore + 1);
		assertThat(count("foundation.auth.api-keys.authenticated")).isEqualTo(usedBefore + 1);
		assertThat(refusals("unknown-key")).isEqualTo(unknownBefore + 1);
		assertThat(refusals("malformed")).isEqualTo(malformedBefore + 1);
		assertThat(refusals("ambiguous")).isEqualTo(ambiguousBefore + 1);
		assertThat(refusals("revoked")).isEqualTo(revokedRefusalsBefore + 1);
	}

	private double count(String name) {
		Counter counter = this.meters.find(name).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double refusals(String reason) {
		Counter counter = this.meters.find("foundation.auth.failures")
			.tags("scheme", "api-key", "reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void requestWithoutKeyOrTokenIsUnauthorized() throws Exception {
		this.mvc.perform(get("/whoami")).andExpect(status().isUnauthorized());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(excludeName = {
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration" })
	static class TestApplication {

		@RestController
		static class WhoAmI {

			@GetMapping("/whoami")
			String whoami(@AuthenticationPrincipal FoundationPrincipal principal) {
				return principal.userId() + " " + principal.tenantId() + " " + principal.provider();
			}

		}

	}

}
