package dev.foundation.sample;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.UserIdentity;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.test.auth.CustomTokens;
import dev.foundation.test.auth.MalformedTokens;
import dev.foundation.test.auth.TestJwtIssuer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer token authentication of the running sample app, over real HTTP: one token of
 * each provider the app trusts (Supabase, Clerk v1 and v2, a custom issuer, all minted by
 * {@link SampleAuthentication#ISSUER}), and every token an attacker or a broken client
 * would send, each answered {@code 401} problem+json that does not say why and does not
 * echo the token.
 */
class AuthenticationIntegrationTests extends SampleIntegrationTestSupport {

	private static final TestJwtIssuer ISSUER = SampleAuthentication.ISSUER;

	private static final String SUPABASE_ISSUER = ISSUER.baseUrl() + "/auth/v1";

	private static final String CLERK_ISSUER = ISSUER.baseUrl();

	private static final String INVALID_TOKEN_DETAIL = "The access token is invalid or expired";

	@Autowired
	private ApplicationContext context;

	// Tokens of each provider

	@Test
	void supabaseTokenAuthenticatesWithTenantAndRolesFromAppMetadata() throws Exception {
		String userId = UUID.randomUUID().toString();
		JsonNode me = me(
				ISSUER.supabase().user(userId).email("ada@example.com").tenantId("acme").roles("admin").token());
		assertThat(me.path("userId").asString()).isEqualTo(userId);
		assertThat(me.path("provider").asString()).isEqualTo("SUPABASE");
		assertThat(me.path("issuer").asString()).isEqualTo(SUPABASE_ISSUER);
		assertThat(me.path("email").asString()).isEqualTo("ada@example.com");
		assertThat(me.path("tenantId").asString()).isEqualTo("acme");
		assertThat(strings(me.path("roles"))).containsExactly("admin");
		assertThat(me.path("contextUserId").asString()).isEqualTo(userId);
	}

	@Test
	void supabaseTokenSignedWithRs256Authenticates() throws Exception {
		String userId = UUID.randomUUID().toString();
		JsonNode me = me(
				ISSUER.supabase().user(userId).tenantId("acme").roles("admin").signedWith(JWSAlgorithm.RS256).token());
		assertThat(me.path("provider").asString()).isEqualTo("SUPABASE");
		assertThat(me.path("tenantId").asString()).isEqualTo("acme");
		assertThat(strings(me.path("roles"))).containsExactly("admin");
		assertThat(me.path("contextUserId").asString()).isEqualTo(userId);
	}

	@Test
	void clerkV2TokenAuthenticatesWithItsActiveOrganization() throws Exception {
		String userId = "user_2v2" + UUID.randomUUID().toString().replace("-", "");
		JsonNode me = me(ISSUER.clerk()
			.user(userId)
			.organization("org_1", "admin", "acme")
			.authorizedParty(SampleAuthentication.CLERK_PARTY)
			.token());
		assertThat(me.path("userId").asString()).isEqualTo(userId);
		assertThat(me.path("provider").asString()).isEqualTo("CLERK");
		assertThat(me.path("issuer").asString()).isEqualTo(CLERK_ISSUER);
		assertThat(me.path("tenantId").asString()).isEqualTo("org_1");
		assertThat(strings(me.path("roles"))).containsExactly("admin");
		assertThat(me.path("contextUserId").asString()).isEqualTo(userId);
	}

	@Test
	void clerkV1TokenAuthenticatesWithItsActiveOrganization() throws Exception {
		String userId = "user_2v1" + UUID.randomUUID().toString().replace("-", "");
		JsonNode me = me(ISSUER.clerk()
			.version(1)
			.user(userId)
			.organization("org_1", "admin", "acme")
			.authorizedParty(SampleAuthentication.CLERK_PARTY)
			.token());
		assertThat(me.path("provider").asString()).isEqualTo("CLERK");
		assertThat(me.path("tenantId").asString()).isEqualTo("org_1");
		assertThat(strings(me.path("roles"))).containsExactly("admin");
		assertThat(me.path("contextUserId").asString()).isEqualTo(userId);
	}

	@Test
	void customIssuerTokenAuthenticatesWithTenantFromItsConfiguredClaim() throws Exception {
		JsonNode me = me(
				custom().user("svc-billing").email("billing@example.com").tenantId("acme").roles("admin").token());
		assertThat(me.path("userId").asString()).isEqualTo("svc-billing");
		assertThat(me.path("provider").asString()).isEqualTo("CUSTOM");
		assertThat(me.path("issuer").asString()).isEqualTo(SampleAuthentication.CUSTOM_ISSUER);
		assertThat(me.path("email").asString()).isEqualTo("billing@example.com");
		assertThat(me.path("tenantId").asString()).isEqualTo("acme");
		assertThat(strings(me.path("roles"))).containsExactly("admin");
		assertThat(me.path("contextUserId").asString()).isEqualTo("svc-billing");
	}

	@Test
	void tokensOfEveryProviderReachTheContactsApiOfTheirOrganizationsTenant() throws Exception {
		// Each provider names the organization its own way; each name is linked to the
		// same tenant.
		String organization = uniqueSlug("org");
		Tenant tenant = this.tenants.create(organization, "Every provider",
				SampleAuthentication.user("owner-" + organization));
		this.tenants.linkExternalId(tenant.id(), SampleAuthentication.SUPABASE_ISSUER, organization);
		this.tenants.linkExternalId(tenant.id(), SampleAuthentication.CLERK_ISSUER, "org_" + organization);
		this.tenants.linkExternalId(tenant.id(), SampleAuthentication.CUSTOM_ISSUER, organization);
		List<String> users = List.of("supabase-" + organization, "clerk-" + organization, "custom-" + organization);
		List<String> issuers = List.of(SampleAuthentication.SUPABASE_ISSUER, SampleAuthentication.CLERK_ISSUER,
				SampleAuthentication.CUSTOM_ISSUER);
		for (int i = 0; i < users.size(); i++) {
			this.tenants.grant(tenant.id(), new UserIdentity(issuers.get(i), users.get(i)), TenantRole.MEMBER);
		}
		List<String> tokens = List.of(ISSUER.supabase().user(users.get(0)).tenantId(organization).token(),
				ISSUER.clerk()
					.user(users.get(1))
					.organization("org_" + organization, "member", organization)
					.authorizedParty(SampleAuthentication.CLERK_PARTY)
					.token(),
				custom().user(users.get(2)).tenantId(organization).token());
		for (String token : tokens) {
			HttpResponse<String> response = send(withToken("/api/v1/tenant", token));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(json.readTree(response.body()).path("id").asString()).isEqualTo(tenant.id().toString());
			assertThat(send(withToken("/api/v1/contacts", token)).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void requestWithoutTokenIsChallenged() throws Exception {
		for (String path : List.of("/api/v1/me", "/api/v1/contacts")) {
			HttpResponse<String> response = send(
					anonymous(path).header("X-Request-Id", "no-token-" + UUID.randomUUID()));
			JsonNode problem = assertProblem(response, 401, "unauthorized");
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
			assertThat(problem.path("correlationId").asString()).startsWith("no-token-");
		}
	}

	@Test
	void publicPathNeedsNoToken() throws Exception {
		HttpResponse<String> response = send(anonymous("/actuator/health/liveness"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json.readTree(response.body()).path("status").asString()).isEqualTo("UP");
	}

	// Tokens that must be rejected

	@Test
	void rejectsTokenSignedWithNoneAlgorithm() throws Exception {
		assertRejected(MalformedTokens.unsigned(custom().claims()));
		assertRejected(MalformedTokens.unsigned(ISSUER.supabase().claims()));
	}

	@Test
	void rejectsHs256TokenSignedWithThePublicKey() throws Exception {
		assertRejected(MalformedTokens.hs256SignedWithPublicKey(ISSUER.rsaKey(), custom().claims()));
		assertRejected(MalformedTokens.hs256SignedWithPublicKey(ISSUER.rsaKey(), ISSUER.supabase().claims()));
	}

	@Test
	void rejectsTokenSignedByUnknownKey() throws Exception {
		assertRejected(MalformedTokens.signedByUnknownKey(ISSUER, custom().claims()));
	}

	@Test
	void rejectsTokenWhoseKeyIdNamesNoKey() throws Exception {
		assertRejected(MalformedTokens.withKid(ISSUER, "no-such-key-" + UUID.randomUUID(), custom().claims()));
	}

	@Test
	void rejectsKeyIdWithPathTraversal() throws Exception {
		HttpResponse<String> response = assertRejected(
				MalformedTokens.withKid(ISSUER, "../../etc/passwd", custom().claims()));
		assertThat(response.body()).doesNotContain("etc/passwd");
	}

	@Test
	void rejectsKeyIdWithSqlInjection() throws Exception {
		HttpResponse<String> response = assertRejected(
				MalformedTokens.withKid(ISSUER, "' OR 1=1 --", custom().claims()));
		assertThat(response.body()).doesNotContain("OR 1=1");
	}

	@Test
	void rejectsExpiredToken() throws Exception {
		// Clerk session tokens live 60 s; this one expired nine minutes ago, far beyond
		// the 60 s clock skew.
		assertRejected(ISSUER.clerk()
			.authorizedParty(SampleAuthentication.CLERK_PARTY)
			.issuedAt(Instant.now().minus(Duration.ofMinutes(10)))
			.token());
		assertRejected(custom().expiresIn(Duration.ofMinutes(-5)).token());
	}

	@Test
	void rejectsTokenNotYetValid() throws Exception {
		assertRejected(ISSUER.supabase().notBefore(Instant.now().plus(Duration.ofMinutes(5))).token());
	}

	@Test
	void rejectsTokenIssuedInTheFuture() throws Exception {
		assertRejected(custom().issuedAt(Instant.now().plus(Duration.ofDays(1))).token());
	}

	@Test
	void rejectsTokenWithWrongIssuer() throws Exception {
		// Signed by the trusted key; only iss is off, by a trailing slash or entirely.
		assertRejected(ISSUER.supabase().claim("iss", SUPABASE_ISSUER + "/").token());
		assertRejected(custom().claim("iss", "https://evil.example.com").token());
	}

	@Test
	void rejectsTokenWithWrongAudience() throws Exception {
		assertRejected(custom().audience("another-app").token());
		assertRejected(ISSUER.supabase().audience("anon").token());
	}

	@Test
	void rejectsClerkTokenIssuedToUnauthorizedParty() throws Exception {
		assertRejected(ISSUER.clerk()
			.authorizedParty("https://evil.example.com")
			.organization("org_1", "admin", "acme")
			.token());
	}

	@Test
	void rejectsAnonymousSupabaseUser() throws Exception {
		assertRejected(ISSUER.supabase().anonymous().token());
	}

	@Test
	void rejectsTokenWithPayloadModifiedAfterSigning() throws Exception {
		String token = custom().user("user-7").tenantId("acme").roles("member").token();
		JWTClaimsSet escalated = custom().user("user-7").tenantId("globex").roles("admin").claims();
		assertRejected(MalformedTokens.withPayloadReplaced(token, escalated));
	}

	@Test
	void rejectsTruncatedToken() throws Exception {
		assertRejected(MalformedTokens.truncated(custom().token()));
	}

	@Test
	void rejectsTokenOfThreeEmptySegments() throws Exception {
		assertRejected(MalformedTokens.threeEmptySegments());
	}

	@Test
	void rejectsValidTokenAboveMaxTokenSize() throws Exception {
		// foundation.auth.max-token-size is 8 KB in this context; Tomcat accepts headers
		// up to 64 KB.
		String small = custom().claim("padding", "a".repeat(4_000)).token();
		assertThat(small.length()).isBetween(5_000, 8_000);
		assertThat(send(withToken("/api/v1/me", small)).statusCode()).isEqualTo(200);
		String large = custom().claim("padding", "a".repeat(9_000)).token();
		assertThat(large.length()).isBetween(12_000, 13_000);
		assertRejected(large);
	}

	@Test
	void rejectsMegabyteTokenWithoutServerError() throws Exception {
		String token = MalformedTokens.oversized(1024 * 1024);
		HttpResponse<String> response = send(withToken("/api/v1/me", token));
		// Tomcat rejects request headers above server.max-http-request-header-size (64 KB
		// here) with a plain 400
		// before the application sees the request: this is Tomcat's answer, not the
		// application's 401.
		assertThat(response.statusCode()).isEqualTo(400);
		assertDoesNotEcho(response.body(), token);
	}

	@Test
	void rejectsAlgorithmNotAllowedForIssuer() throws Exception {
		// Custom issuers accept RS256 and ES256 unless configured; the key itself (no
		// alg) would verify RS512.
		assertRejected(custom().signedWith(JWSAlgorithm.RS512).token());
		// Clerk accepts RS256 only.
		assertRejected(ISSUER.sign(JWSAlgorithm.ES256,
				ISSUER.clerk().authorizedParty(SampleAuthentication.CLERK_PARTY).claims()));
	}

	@Test
	void rejectsTokenWithUnknownCriticalHeader() throws Exception {
		assertRejected(MalformedTokens.withCritHeader(ISSUER, custom().claims()));
	}

	@Test
	void rejectsTokenOfUntrustedIssuerWithoutFetchingItsKeys() throws Exception {
		try (TestJwtIssuer untrusted = TestJwtIssuer.start()) {
			assertRejected(untrusted.supabase().tenantId("acme").roles("admin").token());
			assertRejected(untrusted.clerk().authorizedParty(SampleAuthentication.CLERK_PARTY).token());
			assertRejected(untrusted.custom().audience(SampleAuthentication.AUDIENCE).token());
			assertThat(untrusted.jwksRequestCount()).isZero();
		}
	}

	// Key sets

	/**
	 * A thousand tokens with random kids, validly signed by the issuer's key, cause no
	 * refetch storm. The limit is Nimbus's {@code RateLimitedJWKSetSource} with
	 * {@code min-refresh-interval} (30 s): it lets two fetches through per interval (the
	 * second for a key rotation), not one as docs/auth.md says. The test first uses up
	 * the current interval's allowance, so that the count does not depend on the tests
	 * before; the flood then takes a few seconds, less than an interval, so at most one
	 * new interval, with its two fetches, can begin during it.
	 */
	@Test
	void floodOfUnknownKeyIdsCausesNoKeySetRefetchStorm() throws Exception {
		assertThat(send(withToken("/api/v1/me", custom().token())).statusCode()).isEqualTo(200);
		JWTClaimsSet claims = custom().claims();
		useUpKeySetRefetchAllowance(claims);
		ISSUER.resetRequestCount();
		List<Callable<Integer>> requests = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			String token = MalformedTokens.withKid(ISSUER, "flood-" + UUID.randomUUID(), claims);
			requests.add(() -> send(withToken("/api/v1/me", token)).statusCode());
		}
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Integer> statuses = new ArrayList<>();
		try {
			// Well within one 30 s interval; a request still running then is cancelled
			// and fails the test.
			for (Future<Integer> status : pool.invokeAll(requests, 25, TimeUnit.SECONDS)) {
				statuses.add(status.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		int fetches = ISSUER.jwksRequestCount();
		assertThat(statuses).as("statuses (key set fetches: %d)", fetches).hasSize(1_000).containsOnly(401);
		assertThat(fetches).isLessThanOrEqualTo(2);
	}

	@Test
	void validTokensKeepWorkingWhileTheKeySetEndpointIsDown() throws Exception {
		List<String> providers = List.of("SUPABASE", "CLERK", "CUSTOM");
		for (String token : validTokenOfEachProvider()) {
			assertThat(send(withToken("/api/v1/me", token)).statusCode()).isEqualTo(200);
		}
		ISSUER.setJwksAvailable(false);
		try {
			List<String> seen = new ArrayList<>();
			for (String token : validTokenOfEachProvider()) {
				HttpResponse<String> response = send(withToken("/api/v1/me", token));
				assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
				seen.add(json.readTree(response.body()).path("provider").asString());
			}
			assertThat(seen).containsExactlyElementsOf(providers);
		}
		finally {
			ISSUER.setJwksAvailable(true);
		}
	}

	@Test
	void jwksHealthComponentReportsEveryIssuer() throws Exception {
		HttpResponse<String> response = send(anonymous("/actuator/health"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode jwks = json.readTree(response.body()).path("components").path("jwks");
		assertThat(jwks.path("status").asString()).isEqualTo("UP");
		for (String issuer : List.of("supabase", "clerk", "test")) {
			assertThat(jwks.path("details").path(issuer).path("circuit").asString()).as(issuer).isNotEmpty();
		}
		HttpResponse<String> liveness = send(anonymous("/actuator/health/liveness"));
		assertThat(json.readTree(liveness.body()).path("status").asString()).isEqualTo("UP");
	}

	// Logs

	@Test
	void tokensNeverAppearInLogs(CapturedOutput output) throws Exception {
		List<String> tokens = new ArrayList<>(validTokenOfEachProvider());
		for (String token : tokens) {
			assertThat(send(withToken("/api/v1/me", token)).statusCode()).isEqualTo(200);
		}
		String rejected = custom().expiresIn(Duration.ofMinutes(-5)).token();
		assertThat(send(withToken("/api/v1/me", rejected)).statusCode()).isEqualTo(401);
		tokens.add(rejected);
		for (String token : tokens) {
			assertDoesNotEcho(output.getAll(), token);
		}
	}

	@Test
	void requestLogLineOfAuthenticatedRequestCarriesTheUserId(CapturedOutput output) throws Exception {
		String requestId = "auth-log-" + UUID.randomUUID();
		HttpResponse<String> response = send(
				withToken("/api/v1/me", custom().user("log-user-1").token()).header("X-Request-Id", requestId));
		assertThat(response.statusCode()).isEqualTo(200);
		Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			JsonNode event = output.getOut()
				.lines()
				.filter((line) -> line.contains("\"correlation_id\":\"" + requestId + "\""))
				.map(json::readTree)
				.filter((candidate) -> "dev.foundation.request".equals(candidate.path("logger_name").asString()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no request log line with correlation id " + requestId));
			assertThat(event.path("user_id").asString()).isEqualTo("log-user-1");
			assertThat(event.path("http_status").asInt()).isEqualTo(200);
		});
	}

	// The development issuer of the 'local' profile (see LocalProfileIntegrationTests) is
	// absent here

	@Test
	void devTokenEndpointDoesNotExistWithoutTheLocalProfile() throws Exception {
		HttpResponse<String> response = send(post("/dev/tokens", "{\"userId\":\"intruder\",\"roles\":[\"admin\"]}"));
		assertProblem(response, 404, "not-found");
		assertThat(send(request("/dev/jwks.json")).statusCode()).isEqualTo(404);
	}

	@Test
	void devTokenControllerIsNotABeanWithoutTheLocalProfile() throws Exception {
		assertThat(this.context.getBeanNamesForType(Class.forName("dev.foundation.sample.devauth.DevTokenController")))
			.isEmpty();
		assertThat(this.context.getBeanNamesForType(Class.forName("dev.foundation.sample.devauth.DevTokenIssuer")))
			.isEmpty();
	}

	/**
	 * Sends tokens with unknown kids until one causes no key set fetch: the rate limit's
	 * current interval is used up.
	 */
	private void useUpKeySetRefetchAllowance(JWTClaimsSet claims) throws Exception {
		for (int attempt = 0; attempt < 5; attempt++) {
			int before = ISSUER.jwksRequestCount();
			assertRejected(MalformedTokens.withKid(ISSUER, "use-up-" + UUID.randomUUID(), claims));
			if (ISSUER.jwksRequestCount() == before) {
				return;
			}
		}
		throw new AssertionError("Every token with an unknown kid fetched the key set: no rate limit");
	}

	private JsonNode me(String token) throws Exception {
		HttpResponse<String> response = send(withToken("/api/v1/me", token));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	/**
	 * Sends the token and asserts the uniform rejection: 401 problem+json of type
	 * unauthorized with the correlation id, a Bearer challenge naming
	 * {@code invalid_token}, a detail that does not say why, and no trace of the token.
	 */
	private HttpResponse<String> assertRejected(String token) throws Exception {
		String requestId = "reject-" + UUID.randomUUID();
		HttpResponse<String> response = send(withToken("/api/v1/me", token).header("X-Request-Id", requestId));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.path("type").asString()).endsWith("/unauthorized");
		assertThat(problem.path("status").asInt()).isEqualTo(401);
		assertThat(problem.path("detail").asString()).isEqualTo(INVALID_TOKEN_DETAIL);
		assertThat(problem.path("correlationId").asString()).isEqualTo(requestId(response)).isEqualTo(requestId);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
		assertDoesNotEcho(response.body(), token);
		return response;
	}

	private static void assertDoesNotEcho(String text, String token) {
		assertThat(text).doesNotContain(token);
		for (String segment : token.split("\\.")) {
			if (segment.length() >= 16) {
				assertThat(text).doesNotContain(segment);
			}
		}
	}

	private static CustomTokens custom() {
		return ISSUER.custom(SampleAuthentication.CUSTOM_ISSUER).audience(SampleAuthentication.AUDIENCE);
	}

	private static List<String> validTokenOfEachProvider() {
		return List.of(ISSUER.supabase().tenantId("acme").token(),
				ISSUER.clerk()
					.organization("org_1", "admin", "acme")
					.authorizedParty(SampleAuthentication.CLERK_PARTY)
					.token(),
				custom().tenantId("acme").token());
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

}
