package dev.foundation.core.auth.apikey;

import java.util.Set;

import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.test.TestPostgres;
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
