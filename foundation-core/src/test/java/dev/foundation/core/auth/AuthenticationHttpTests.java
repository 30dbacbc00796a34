package dev.foundation.core.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.foundation.core.auth.autoconfigure.AuthAutoConfiguration;
import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.core.context.autoconfigure.RequestContextAutoConfiguration;
import dev.foundation.core.error.autoconfigure.ErrorHandlingAutoConfiguration;
import dev.foundation.test.auth.MalformedTokens;
import dev.foundation.test.auth.TestJwtIssuer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Bearer token authentication over HTTP, through the whole servlet filter chain: the
 * request context filter first, then Spring Security with the foundation's chain, then
 * Spring MVC with the foundation's error handling.
 */
@SpringBootTest(classes = AuthenticationHttpTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.MOCK,
		properties = { "foundation.auth.cors.allowed-origins=https://app.example.com",
				"foundation.errors.type-base-uri=https://api.example.com/problems/", "spring.main.banner-mode=off" })
class AuthenticationHttpTests {

	private static final String ALLOWED_ORIGIN = "https://app.example.com";

	private static final TestJwtIssuer issuer = TestJwtIssuer.start();

	private static final String KEYS_DOWN = "http://127.0.0.1:1/keys-down";

	private static final String DISCOVERY_DOWN = "http://127.0.0.1:1/discovery-down";

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private MeterRegistry meters;

	private MockMvc mvc;

	@DynamicPropertySource
	static void issuers(DynamicPropertyRegistry registry) {
		registry.add("foundation.auth.supabase.url", issuer::baseUrl);
		registry.add("foundation.auth.clerk.issuer", issuer::baseUrl);
		// Trusted issuers whose keys cannot be had: port 1 refuses every connection.
		registry.add("foundation.auth.issuers.keys-down.issuer", () -> KEYS_DOWN);
		registry.add("foundation.auth.issuers.keys-down.jwk-set-uri", () -> "http://127.0.0.1:1/jwks.json");
		registry.add("foundation.auth.issuers.keys-down.audience-check", () -> "disabled");
		registry.add("foundation.auth.issuers.discovery-down.issuer-uri", () -> DISCOVERY_DOWN);
		registry.add("foundation.auth.issuers.discovery-down.audience-check", () -> "disabled");
	}

	@AfterAll
	static void closeIssuer() {
		issuer.close();
	}

	@BeforeEach
	void setUp() {
		Filter requestContextFilter = this.context
			.getBean("requestContextFilterRegistration", FilterRegistrationBean.class)
			.getFilter();
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context)
			.addFilters(requestContextFilter)
			.apply(springSecurity())
			.build();
	}

	@Test
	void validSupabaseTokenResolvesTheFoundationPrincipal() throws Exception {
		String token = issuer.supabase()
			.user("5f0c1a5e-0000-4000-8000-000000000001")
			.tenantId("acme")
			.roles("member")
			.token();
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.userId").value("5f0c1a5e-0000-4000-8000-000000000001"))
			.andExpect(jsonPath("$.provider").value("SUPABASE"))
			.andExpect(jsonPath("$.tenantId").value("acme"))
			.andExpect(jsonPath("$.roles[0]").value("member"))
			.andExpect(jsonPath("$.requestContextUserId").value("5f0c1a5e-0000-4000-8000-000000000001"));
	}

	@Test
	void validClerkTokenIsRoutedToClerkByItsIssuer() throws Exception {
		String token = issuer.clerk().user("user_2abc").organization("org_2xyz", "admin", "acme").token();
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.userId").value("user_2abc"))
			.andExpect(jsonPath("$.provider").value("CLERK"))
			.andExpect(jsonPath("$.tenantId").value("org_2xyz"));
	}

	@Test
	void tokenOfAnIssuerWhoseKeysAreUnreachableIsServiceUnavailableNotUnauthorized() throws Exception {
		// The client did nothing wrong: 503 and Retry-After, not a 401 telling it to drop
		// a good token, nor a 500.
		for (String trusted : new String[] { KEYS_DOWN, DISCOVERY_DOWN, DISCOVERY_DOWN }) {
			String token = issuer.custom(trusted).user("user-1").token();
			this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().string(HttpHeaders.RETRY_AFTER, "30"))
				.andExpect(jsonPath("$.type").value("https://api.example.com/problems/external-service-failure"))
				.andExpect(jsonPath("$.service").value("identity provider"))
				.andExpect(jsonPath("$.detail").value(not(containsString("127.0.0.1"))));
		}
	}

	@Test
	void requestWithoutTokenIsUnauthorizedWithBearerChallenge() throws Exception {
		MvcResult result = this.mvc.perform(get("/api/v1/me"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://api.example.com/problems/unauthorized"))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.instance").value("/api/v1/me"))
			.andReturn();
		assertCorrelated(result);
		assertThat(result.getRequest().getSession(false)).isNull();
	}

	@Test
	void invalidTokenIsUnauthorizedWithInvalidTokenError() throws Exception {
		List<String> invalid = List.of("not-a-jwt", MalformedTokens.unsigned(issuer.supabase().claims()),
				MalformedTokens.hs256SignedWithPublicKey(issuer.rsaKey(), issuer.supabase().claims()),
				MalformedTokens.signedByUnknownKey(issuer, issuer.supabase().claims()),
				MalformedTokens.truncated(issuer.supabase().token()),
				issuer.supabase()
					.issuedAt(Instant.now().minus(Duration.ofHours(2)))
					.expiresIn(Duration.ofHours(1))
					.token(),
				issuer.supabase().audience("anon").token(), issuer.supabase().anonymous().token(),
				issuer.custom("https://unknown-issuer.example.com").token());
		for (String token : invalid) {
			MvcResult result = this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("error=\"invalid_token\"")))
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value("https://api.example.com/problems/unauthorized"))
				.andExpect(jsonPath("$.detail").value("The access token is invalid or expired"))
				.andReturn();
			assertCorrelated(result);
		}
	}

	@Test
	void tokenWithoutSubjectIsUnauthorizedNotAServerError() throws Exception {
		String token = issuer.supabase().claim("sub", null).token();
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("error=\"invalid_token\"")));
	}

	@Test
	void floodOfTokensWithRandomKidsIsUnauthorizedNotAServerError() throws Exception {
		for (int i = 0; i < 5; i++) {
			String token = MalformedTokens.withKid(issuer, UUID.randomUUID().toString(), issuer.supabase().claims());
			this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.andExpect(status().isUnauthorized());
		}
		String valid = issuer.supabase().token();
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + valid))
			.andExpect(status().isOk());
	}

	@Test
	void oneMegabyteTokenIsRejectedWithoutEchoingIt() throws Exception {
		String token = MalformedTokens.oversized(1024 * 1024);
		MvcResult result = this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("error=\"invalid_token\"")))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andReturn();
		String body = result.getResponse().getContentAsString();
		assertThat(body).doesNotContain(token.substring(0, 64)).doesNotContain(token.substring(token.length() - 64));
		assertThat(result.getResponse().getHeaderNames())
			.allSatisfy((name) -> assertThat(String.join(",", result.getResponse().getHeaders(name)))
				.doesNotContain(token.substring(0, 64)));
		assertCorrelated(result);
	}

	@Test
	void validlySignedTokenOverTheSizeLimitIsRejected() throws Exception {
		String small = issuer.supabase().appMetadata("padding", "a".repeat(8 * 1024)).token();
		String large = issuer.supabase().appMetadata("padding", "a".repeat(16 * 1024)).token();
		assertThat(small.length()).isLessThan(16 * 1024);
		assertThat(large.length()).isGreaterThan(16 * 1024);
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + small))
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + large))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("error=\"invalid_token\"")));
	}

	@Test
	void emptyBearerTokenIsUnauthorized() throws Exception {
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer "))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("error=\"invalid_token\"")));
	}

	@Test
	void tokenInQueryParameterIsIgnored() throws Exception {
		this.mvc.perform(get("/api/v1/me").param("access_token", issuer.supabase().token()))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
	}

	@Test
	void memberOnAdminEndpointIsForbidden() throws Exception {
		String token = issuer.supabase().roles("member").token();
		MvcResult result = this.mvc.perform(get("/api/v1/admin").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://api.example.com/problems/forbidden"))
			.andExpect(jsonPath("$.status").value(403))
			.andReturn();
		assertCorrelated(result);
	}

	@Test
	void adminOnAdminEndpointIsAllowed() throws Exception {
		String token = issuer.clerk().organization("org_1", "admin", "acme").token();
		this.mvc.perform(get("/api/v1/admin").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isOk())
			.andExpect(content().string("admin-ok"));
	}

	@Test
	void methodSecurityOnPublicPathWithoutTokenIsUnauthorized() throws Exception {
		this.mvc.perform(get("/api/v1/public/admin"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
			.andExpect(jsonPath("$.type").value("https://api.example.com/problems/unauthorized"));
	}

	@Test
	void publicPathNeedsNoToken() throws Exception {
		this.mvc.perform(get("/api/v1/public/ping")).andExpect(status().isOk()).andExpect(content().string("pong"));
	}

	@Test
	void corsPreflightFromAllowedOriginIsAnswered() throws Exception {
		this.mvc.perform(preflight(ALLOWED_ORIGIN))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN))
			.andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, containsString("GET")))
			.andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, containsString("Authorization")))
			.andExpect(header().string(HttpHeaders.ACCESS_CONTROL_MAX_AGE, equalTo("3600")));
	}

	@Test
	void corsPreflightFromAnotherOriginIsRejected() throws Exception {
		this.mvc.perform(preflight("https://evil.example.com"))
			.andExpect(status().isForbidden())
			.andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
	}

	@Test
	void crossOriginRequestFromAllowedOriginExposesTheRequestId() throws Exception {
		this.mvc
			.perform(get("/api/v1/me").header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.supabase().token()))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN))
			.andExpect(header().string(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, containsString("X-Request-Id")));
	}

	@Test
	void refusalsAreCountedByCategoryAndNeverByTokenOrUser() throws Exception {
		Map<String, String> expected = new java.util.LinkedHashMap<>();
		expected.put("not-a-jwt", "malformed");
		expected.put(MalformedTokens.unsigned(issuer.supabase().claims()), "unsupported-algorithm");
		expected.put(issuer.custom("https://unknown-issuer.example.com").token(), "untrusted-issuer");
		expected.put(MalformedTokens.withPayloadReplaced(issuer.supabase().user("victim").token(),
				issuer.supabase().user("attacker").claims()), "bad-signature");
		expected.put(MalformedTokens.signedByUnknownKey(issuer, issuer.supabase().claims()), "bad-signature");
		expected.put(MalformedTokens.withKid(issuer, "kid-" + UUID.randomUUID(), issuer.supabase().claims()),
				"unknown-key");
		expected.put(issuer.supabase()
			.issuedAt(Instant.now().minus(Duration.ofHours(2)))
			.expiresIn(Duration.ofHours(1))
			.token(), "expired");
		expected.put(issuer.supabase().notBefore(Instant.now().plus(Duration.ofHours(1))).token(), "not-yet-valid");
		expected.put(issuer.supabase().audience("anon").token(), "wrong-audience");
		expected.put(issuer.supabase().anonymous().token(), "rejected-claims");
		expected.put(issuer.supabase().claim("sub", null).token(), "unmappable");
		for (Map.Entry<String, String> token : expected.entrySet()) {
			double before = failures("bearer", token.getValue());
			this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token.getKey()))
				.andExpect(status().isUnauthorized());
			assertThat(failures("bearer", token.getValue())).as(token.getValue()).isEqualTo(before + 1);
		}
		double missing = failures("none", "missing");
		this.mvc.perform(get("/api/v1/me")).andExpect(status().isUnauthorized());
		assertThat(failures("none", "missing")).isEqualTo(missing + 1);
		double unavailable = failures("bearer", "keys-unavailable");
		this.mvc
			.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION,
					"Bearer " + issuer.custom(KEYS_DOWN).user("user-1").token()))
			.andExpect(status().isServiceUnavailable());
		assertThat(failures("bearer", "keys-unavailable")).isEqualTo(unavailable + 1);
		// Tags are categories and configured names only.
		assertThat(this.meters.find("foundation.auth.failures").counters())
			.allSatisfy((counter) -> assertThat(counter.getId().getTags()).extracting(Tag::getKey)
				.containsExactlyInAnyOrder("scheme", "reason"))
			.flatExtracting((counter) -> counter.getId().getTags())
			.extracting(Tag::getValue)
			.allSatisfy((value) -> assertThat(value).matches("[a-z-]{3,25}"));
	}

	@Test
	void keySetFetchesAreCountedByIssuerNameAndOutcome() throws Exception {
		this.mvc.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + issuer.supabase().token()))
			.andExpect(status().isOk());
		assertThat(this.meters.find("foundation.auth.jwks.fetches")
			.tags("issuer", "supabase", "outcome", "success")
			.counter()).isNotNull().satisfies((counter) -> assertThat(counter.count()).isPositive());
		assertThat(this.meters.find("foundation.auth.jwks.fetch.duration").tags("issuer", "supabase").timer())
			.isNotNull();
		// Failed, refused by the open circuit, or not retried so soon after the last
		// failure.
		double failed = notFetched("keys-down");
		this.mvc
			.perform(get("/api/v1/me").header(HttpHeaders.AUTHORIZATION,
					"Bearer " + issuer.custom(KEYS_DOWN).user("user-1").token()))
			.andExpect(status().isServiceUnavailable());
		assertThat(notFetched("keys-down")).isGreaterThan(failed);
		assertThat(fetches("keys-down", "success")).isZero();
	}

	private double failures(String scheme, String reason) {
		Counter counter = this.meters.find("foundation.auth.failures")
			.tags("scheme", scheme, "reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double notFetched(String issuerName) {
		return fetches(issuerName, "failure") + fetches(issuerName, "circuit-open")
				+ fetches(issuerName, "rate-limited");
	}

	private double fetches(String issuerName, String outcome) {
		Counter counter = this.meters.find("foundation.auth.jwks.fetches")
			.tags("issuer", issuerName, "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static MockHttpServletRequestBuilder preflight(String origin) {
		return options("/api/v1/me").header(HttpHeaders.ORIGIN, origin)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Authorization");
	}

	private static void assertCorrelated(MvcResult result) throws Exception {
		String requestId = result.getResponse().getHeader("X-Request-Id");
		assertThat(requestId).isNotBlank();
		assertThat(JsonPath.<String>read(result.getResponse().getContentAsString(), "$.correlationId"))
			.isEqualTo(requestId);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
			HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
			SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
			UserDetailsServiceAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
			OAuth2ResourceServerAutoConfiguration.class, RequestContextAutoConfiguration.class,
			ErrorHandlingAutoConfiguration.class, AuthAutoConfiguration.class })
	@EnableMethodSecurity
	@Import(Endpoints.class)
	static class TestApplication {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@RestController
	static class Endpoints {

		@GetMapping("/api/v1/me")
		Map<String, Object> me(@AuthenticationPrincipal FoundationPrincipal principal) {
			return Map.of("userId", principal.userId(), "provider", principal.provider().name(), "tenantId",
					String.valueOf(principal.tenantId()), "roles", new TreeSet<>(principal.roles()),
					"requestContextUserId",
					RequestContexts.find().map(RequestContext::userId).orElse("no request context"));
		}

		@GetMapping("/api/v1/admin")
		@PreAuthorize("hasRole('admin')")
		String admin() {
			return "admin-ok";
		}

		@GetMapping("/api/v1/public/admin")
		@PreAuthorize("hasRole('admin')")
		String publicAdmin() {
			return "admin-ok";
		}

		@GetMapping("/api/v1/public/ping")
		String ping() {
			return "pong";
		}

	}

}
