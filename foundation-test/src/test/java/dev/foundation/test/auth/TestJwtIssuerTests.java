package dev.foundation.test.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TestJwtIssuerTests {

	private static final Set<String> PRIVATE_JWK_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth");

	private static final String SECRET = "super-secret-jwt-token-with-at-least-32-characters-long";

	private final HttpClient http = HttpClient.newHttpClient();

	private final TestJwtIssuer issuer = TestJwtIssuer.start();

	@AfterEach
	void closeIssuer() {
		this.issuer.close();
	}

	// --- The server ---

	@Test
	void jwksServesBothPublicKeysAndNoPrivateParts() throws Exception {
		HttpResponse<String> response = get(this.issuer.jwksUri());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JWKSet served = JWKSet.parse(response.body());
		assertThat(served.getKeys()).extracting(JWK::getKeyID).containsExactly("test-rsa-1", "test-ec-1");
		assertThat(served.getKeys()).noneMatch(JWK::isPrivate);
		assertThat(served.getKeyByKeyId("test-rsa-1").toRSAKey().toRSAPublicKey())
			.isEqualTo(this.issuer.rsaKey().toRSAPublicKey());
		assertThat(served.getKeyByKeyId("test-ec-1").toECKey().toECPublicKey())
			.isEqualTo(this.issuer.ecKey().toECPublicKey());
		for (Object key : (List<?>) JSONObjectUtils.parse(response.body()).get("keys")) {
			Set<Object> members = Set.copyOf(((Map<?, ?>) key).keySet());
			assertThat(members).isNotEmpty().doesNotContainAnyElementsOf(PRIVATE_JWK_MEMBERS);
		}
	}

	@Test
	void supabaseJwksPathServesTheSameKeys() throws Exception {
		assertThat(this.issuer.supabaseJwksUri()).hasToString(this.issuer.baseUrl() + "/auth/v1/.well-known/jwks.json");
		assertThat(get(this.issuer.supabaseJwksUri()).body()).isEqualTo(get(this.issuer.jwksUri()).body());
	}

	@Test
	void baseUrlIsLoopbackOnFreePort() {
		assertThat(this.issuer.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
		try (TestJwtIssuer another = TestJwtIssuer.start()) {
			assertThat(another.baseUrl()).isNotEqualTo(this.issuer.baseUrl());
		}
	}

	@Test
	void discoveryDocumentNamesBaseUrlAsIssuerAndTheJwks() throws Exception {
		HttpResponse<String> response = get(URI.create(this.issuer.baseUrl() + "/.well-known/openid-configuration"));
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> document = JSONObjectUtils.parse(response.body());
		assertThat(document).containsEntry("issuer", this.issuer.baseUrl())
			.containsEntry("jwks_uri", this.issuer.jwksUri().toString());
	}

	@Test
	void unknownPathIsNotFoundAndOtherMethodsAreNotAllowed() throws Exception {
		assertThat(get(URI.create(this.issuer.baseUrl() + "/nope")).statusCode()).isEqualTo(404);
		HttpResponse<String> post = this.http.send(
				HttpRequest.newBuilder(this.issuer.jwksUri()).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).isEqualTo(405);
		assertThat(post.headers().firstValue("Allow")).hasValue("GET");
	}

	@Test
	void countsRequestsToEitherJwksPathAndResets() throws Exception {
		assertThat(this.issuer.jwksRequestCount()).isZero();
		get(this.issuer.jwksUri());
		get(this.issuer.supabaseJwksUri());
		get(URI.create(this.issuer.baseUrl() + "/.well-known/openid-configuration"));
		assertThat(this.issuer.jwksRequestCount()).isEqualTo(2);
		this.issuer.resetRequestCount();
		assertThat(this.issuer.jwksRequestCount()).isZero();
	}

	@Test
	void unavailableJwksAnswers503UntilAvailableAgain() throws Exception {
		this.issuer.setJwksAvailable(false);
		assertThat(get(this.issuer.jwksUri()).statusCode()).isEqualTo(503);
		assertThat(get(this.issuer.supabaseJwksUri()).statusCode()).isEqualTo(503);
		assertThat(this.issuer.jwksRequestCount()).isEqualTo(2);
		this.issuer.setJwksAvailable(true);
		assertThat(get(this.issuer.jwksUri()).statusCode()).isEqualTo(200);
	}

	@Test
	void rotatingKeysReplacesKidsAndDropsOldKeys() throws Exception {
		String before = this.issuer.custom().token();
		this.issuer.rotateKeys();
		JWKSet served = JWKSet.parse(get(this.issuer.jwksUri()).body());
		assertThat(served.getKeys()).extracting(JWK::getKeyID).containsExactly("test-rsa-2", "test-ec-2");
		assertThat(this.issuer.rsaKey().getKeyID()).isEqualTo("test-rsa-2");
		assertThat(this.issuer.ecKey().getKeyID()).isEqualTo("test-ec-2");
		assertThatExceptionOfType(BadJOSEException.class)
			.isThrownBy(() -> verify(before, this.issuer.jwksUri(), JWSAlgorithm.RS256));
		String after = this.issuer.custom().token();
		assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo("test-rsa-2");
		verify(after, this.issuer.jwksUri(), JWSAlgorithm.RS256);
	}

	@Test
	void closeStopsTheServer() {
		this.issuer.close();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> get(this.issuer.jwksUri()));
	}

	@Test
	void toStringRevealsNoPrivateKey() {
		String privateExponent = this.issuer.rsaKey().getPrivateExponent().toString();
		String ecPrivate = this.issuer.ecKey().getD().toString();
		assertThat(this.issuer.toString()).contains(this.issuer.baseUrl(), "test-rsa-1")
			.doesNotContain(privateExponent, ecPrivate);
	}

	// --- Signing ---

	@ParameterizedTest
	@ValueSource(strings = { "RS256", "RS384", "RS512", "PS256", "ES256" })
	void signsWithEachSupportedAlgorithmUnderTheServedKid(String name) throws Exception {
		JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
		String token = this.issuer.sign(algorithm, new JWTClaimsSet.Builder().subject("alice").build());
		JWSHeader header = SignedJWT.parse(token).getHeader();
		assertThat(header.getAlgorithm()).isEqualTo(algorithm);
		assertThat(header.getType()).isEqualTo(JOSEObjectType.JWT);
		assertThat(header.getKeyID()).isEqualTo(name.startsWith("ES") ? "test-ec-1" : "test-rsa-1");
		assertThat(verify(token, this.issuer.jwksUri(), algorithm).getSubject()).isEqualTo("alice");
	}

	@Test
	void signsRs256ByDefault() throws Exception {
		String token = this.issuer.sign(new JWTClaimsSet.Builder().subject("alice").build());
		assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
	}

	@Test
	void refusesAlgorithmsItHasNoKeyFor() {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("alice").build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.issuer.sign(JWSAlgorithm.HS256, claims))
			.withMessageContaining("signedWithSecret");
		assertThatIllegalArgumentException().isThrownBy(() -> this.issuer.sign(JWSAlgorithm.ES384, claims));
	}

	// --- Supabase ---

	@Test
	void supabaseTokenVerifiesAgainstServedJwksWithEs256() throws Exception {
		String token = this.issuer.supabase().token();
		JWSHeader header = SignedJWT.parse(token).getHeader();
		assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(header.getKeyID()).isEqualTo("test-ec-1");
		assertThat(header.getType()).isEqualTo(JOSEObjectType.JWT);
		JWTClaimsSet claims = verify(token, this.issuer.supabaseJwksUri(), JWSAlgorithm.ES256);
		assertThat(claims.getIssuer()).isEqualTo(this.issuer.baseUrl() + "/auth/v1");
	}

	@Test
	void supabaseTokenHasExactlySupabaseClaimShape() throws Exception {
		Instant iat = Instant.parse("2030-01-02T03:04:05Z");
		String token = this.issuer.supabase("https://abcd.supabase.co/")
			.user("8d0fd2b3-9ca7-4d9e-a95f-9e13dded323e")
			.email("alice@example.com")
			.tenantId("acme")
			.roles("admin", "billing")
			.issuedAt(iat)
			.token();
		Map<String, Object> claims = payload(token);
		assertThat(claims).containsOnlyKeys("iss", "sub", "aud", "exp", "iat", "email", "phone", "app_metadata",
				"user_metadata", "role", "aal", "amr", "session_id", "is_anonymous");
		assertThat(claims).containsEntry("iss", "https://abcd.supabase.co/auth/v1")
			.containsEntry("sub", "8d0fd2b3-9ca7-4d9e-a95f-9e13dded323e")
			.containsEntry("aud", "authenticated")
			.containsEntry("iat", iat.getEpochSecond())
			.containsEntry("exp", iat.getEpochSecond() + 3600)
			.containsEntry("email", "alice@example.com")
			.containsEntry("phone", "")
			.containsEntry("role", "authenticated")
			.containsEntry("aal", "aal1")
			.containsEntry("is_anonymous", false)
			.containsEntry("user_metadata", Map.of());
		assertThat(claims.get("app_metadata")).isEqualTo(Map.of("provider", "email", "providers", List.of("email"),
				"tenant_id", "acme", "roles", List.of("admin", "billing")));
		assertThat(claims.get("amr"))
			.isEqualTo(List.of(Map.of("method", "password", "timestamp", iat.getEpochSecond())));
		assertThat(UUID.fromString((String) claims.get("session_id"))).isNotNull();
	}

	@Test
	void supabaseBuildersHaveDistinctRandomUuids() throws Exception {
		Map<String, Object> first = payload(this.issuer.supabase().token());
		Map<String, Object> second = payload(this.issuer.supabase().token());
		UUID firstUser = UUID.fromString((String) first.get("sub"));
		assertThat(firstUser).isNotEqualTo(UUID.fromString((String) second.get("sub")));
		assertThat(first.get("session_id")).isNotEqualTo(second.get("session_id"));
	}

	@Test
	void supabaseAnonymousUserKeepsAuthenticatedRoleButIsMarked() throws Exception {
		Map<String, Object> claims = payload(this.issuer.supabase().anonymous().token());
		assertThat(claims).containsEntry("is_anonymous", true)
			.containsEntry("role", "authenticated")
			.containsEntry("email", "");
		assertThat(claims.get("app_metadata"))
			.isEqualTo(Map.of("provider", "anonymous", "providers", List.of("anonymous")));
		assertThat((List<?>) claims.get("amr")).singleElement()
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("method", "anonymous");
	}

	@Test
	void supabaseCanSignRs256() throws Exception {
		String token = this.issuer.supabase().signedWith(JWSAlgorithm.RS256).token();
		assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo("test-rsa-1");
		verify(token, this.issuer.supabaseJwksUri(), JWSAlgorithm.RS256);
	}

	@Test
	void supabaseLegacyProjectSignsHs256WithTheJwtSecret() throws Exception {
		SignedJWT jwt = SignedJWT.parse(this.issuer.supabase().signedWithSecret(SECRET).token());
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
		assertThat(jwt.verify(new MACVerifier(SECRET))).isTrue();
		assertThat(jwt.verify(new MACVerifier(SECRET.replace('s', 'z')))).isFalse();
	}

	@Test
	void secretShorterThan256BitsIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.issuer.supabase().signedWithSecret("too-short").token())
			.withMessageContaining("32 bytes");
	}

	@Test
	void claimOverridesOrRemovesAnyBuiltClaim() throws Exception {
		Instant notBefore = Instant.parse("2030-01-01T00:00:00Z");
		Map<String, Object> claims = payload(this.issuer.supabase()
			.claim("email", null)
			.claim("aud", List.of("authenticated", "other"))
			.claim("exp", notBefore)
			.notBefore(notBefore)
			.audience("ignored")
			.userMetadata("tenant_id", "user-chosen")
			.role("anon")
			.token());
		assertThat(claims).doesNotContainKey("email")
			.containsEntry("aud", List.of("authenticated", "other"))
			.containsEntry("exp", notBefore.getEpochSecond())
			.containsEntry("nbf", notBefore.getEpochSecond())
			.containsEntry("user_metadata", Map.of("tenant_id", "user-chosen"))
			.containsEntry("role", "anon");
	}

	@Test
	void expiredTokenIsRejectedByNimbus() {
		String token = this.issuer.supabase().expiresIn(Duration.ofMinutes(-5)).token();
		assertThatExceptionOfType(BadJOSEException.class)
			.isThrownBy(() -> verify(token, this.issuer.supabaseJwksUri(), JWSAlgorithm.ES256))
			.withMessageContaining("Expired");
	}

	// --- Clerk ---

	@Test
	void clerkV2TokenHasClerkClaimShape() throws Exception {
		Instant iat = Instant.parse("2030-01-02T03:04:05Z");
		String token = this.issuer.clerk("https://clerk.example.com")
			.organization("org_2abc", "admin", "acme")
			.issuedAt(iat)
			.token();
		Map<String, Object> claims = payload(token);
		assertThat(claims).containsOnlyKeys("azp", "exp", "fva", "iat", "iss", "nbf", "o", "sid", "sub", "v");
		assertThat(claims).containsEntry("azp", "http://localhost:3000")
			.containsEntry("iss", "https://clerk.example.com")
			.containsEntry("iat", iat.getEpochSecond())
			.containsEntry("nbf", iat.getEpochSecond() - 10)
			.containsEntry("exp", iat.getEpochSecond() + 60)
			.containsEntry("fva", List.of(0L, -1L))
			.containsEntry("v", 2L)
			.containsEntry("o", Map.of("id", "org_2abc", "rol", "admin", "slg", "acme"));
		assertThat((String) claims.get("sub")).matches("user_[0-9A-Za-z]{27}");
		assertThat((String) claims.get("sid")).matches("sess_[0-9A-Za-z]{27}");
		assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
	}

	@Test
	void clerkV1TokenPutsPrefixedOrganizationClaimsAtTopLevel() throws Exception {
		Map<String, Object> claims = payload(this.issuer.clerk()
			.version(1)
			.user("user_alice")
			.organization("org_2abc", "admin", "acme")
			.factorVerified(5, 2)
			.token());
		assertThat(claims).containsOnlyKeys("azp", "exp", "fva", "iat", "iss", "nbf", "org_id", "org_permissions",
				"org_role", "org_slug", "sid", "sub");
		assertThat(claims).containsEntry("org_id", "org_2abc")
			.containsEntry("org_role", "org:admin")
			.containsEntry("org_slug", "acme")
			.containsEntry("org_permissions", List.of())
			.containsEntry("sub", "user_alice")
			.containsEntry("fva", List.of(5L, 2L));
	}

	@Test
	void clerkTokenWithoutOrganizationOrOriginLeavesThoseClaimsOut() throws Exception {
		Map<String, Object> claims = payload(this.issuer.clerk().authorizedParty(null).token());
		assertThat(claims).doesNotContainKeys("azp", "o", "org_id", "org_role", "org_slug");
	}

	@Test
	void clerkTokenVerifiesAgainstServedJwks() throws Exception {
		String token = this.issuer.clerk().authorizedParty("https://app.example.com").token();
		JWTClaimsSet claims = verify(token, this.issuer.jwksUri(), JWSAlgorithm.RS256);
		assertThat(claims.getIssuer()).isEqualTo(this.issuer.baseUrl());
		assertThat(claims.getStringClaim("azp")).isEqualTo("https://app.example.com");
	}

	@Test
	void clerkHasOnlyVersionsOneAndTwo() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.issuer.clerk().version(3));
	}

	// --- Custom ---

	@Test
	void customTokenCarriesOnlyTheClaimsSet() throws Exception {
		assertThat(payload(this.issuer.custom("https://id.example.com").token())).containsOnlyKeys("iss", "sub", "iat",
				"exp");
		Map<String, Object> claims = payload(this.issuer.custom("https://id.example.com")
			.user("alice")
			.audience("api", "admin-api")
			.email("alice@example.com")
			.tenantId("acme")
			.roles("admin")
			.claim("scope", "read write")
			.token());
		assertThat(claims).containsEntry("iss", "https://id.example.com")
			.containsEntry("sub", "alice")
			.containsEntry("aud", List.of("api", "admin-api"))
			.containsEntry("email", "alice@example.com")
			.containsEntry("tenant_id", "acme")
			.containsEntry("roles", List.of("admin"))
			.containsEntry("scope", "read write");
	}

	@Test
	void customTokenCanSignEs256OrWithSecret() throws Exception {
		String ec = this.issuer.custom().signedWith(JWSAlgorithm.ES256).token();
		assertThat(verify(ec, this.issuer.jwksUri(), JWSAlgorithm.ES256).getIssuer()).isEqualTo(this.issuer.baseUrl());
		SignedJWT hmac = SignedJWT.parse(this.issuer.custom().signedWithSecret(SECRET).token());
		assertThat(hmac.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
		assertThat(hmac.verify(new MACVerifier(SECRET))).isTrue();
	}

	// --- Malformed tokens ---

	@Test
	void unsignedTokenHasAlgNoneAndEmptySignature() throws Exception {
		String token = MalformedTokens.unsigned(this.issuer.custom().user("alice").claims());
		String[] parts = token.split("\\.", -1);
		assertThat(parts).hasSize(3);
		assertThat(parts[2]).isEmpty();
		JWT jwt = JWTParser.parse(token);
		assertThat(jwt).isInstanceOf(PlainJWT.class);
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("none");
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("alice");
	}

	@Test
	void keyConfusionTokenIsHs256OverThePublicKeyPem() throws Exception {
		String token = MalformedTokens.hs256SignedWithPublicKey(this.issuer.rsaKey(), this.issuer.custom().claims());
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo("test-rsa-1");
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' })
					.encodeToString(this.issuer.rsaKey().toRSAPublicKey().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
		assertThat(jwt.verify(new MACVerifier(pem.getBytes(StandardCharsets.US_ASCII)))).isTrue();
		assertThatExceptionOfType(BadJOSEException.class)
			.isThrownBy(() -> verify(token, this.issuer.jwksUri(), JWSAlgorithm.RS256));
	}

	@Test
	void keyConfusionAcceptsOtherEncodingsOfThePublicKey() throws Exception {
		byte[] der = this.issuer.rsaKey().toRSAPublicKey().getEncoded();
		String token = MalformedTokens.hs256SignedWithPublicKey(der, null, this.issuer.custom().claims());
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getKeyID()).isNull();
		assertThat(jwt.verify(new MACVerifier(der))).isTrue();
	}

	@Test
	void payloadReplacedKeepsHeaderAndSignatureAndFailsVerification() throws Exception {
		String original = this.issuer.custom().user("alice").token();
		String tampered = MalformedTokens.withPayloadReplaced(original, this.issuer.custom().user("admin").claims());
		String[] before = original.split("\\.");
		String[] after = tampered.split("\\.");
		assertThat(after[0]).isEqualTo(before[0]);
		assertThat(after[2]).isEqualTo(before[2]);
		SignedJWT jwt = SignedJWT.parse(tampered);
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("admin");
		assertThat(jwt.verify(new RSASSAVerifier(this.issuer.rsaKey()))).isFalse();
	}

	@Test
	void truncatedTokenKeepsThreePartsButFailsVerification() throws Exception {
		String original = this.issuer.custom().token();
		String truncated = MalformedTokens.truncated(original);
		assertThat(original).startsWith(truncated);
		assertThat(truncated).hasSizeLessThan(original.length());
		assertThat(truncated.split("\\.", -1)).hasSize(3);
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> verify(truncated, this.issuer.jwksUri(), JWSAlgorithm.RS256));
	}

	@Test
	void threeEmptySegmentsDoNotParse() {
		assertThat(MalformedTokens.threeEmptySegments()).isEqualTo("..");
		assertThatExceptionOfType(ParseException.class)
			.isThrownBy(() -> JWTParser.parse(MalformedTokens.threeEmptySegments()));
	}

	@ParameterizedTest
	@ValueSource(ints = { 1_000, 8_193, 100_000 })
	void oversizedTokenHasRequestedLengthAndParses(int length) throws Exception {
		String token = MalformedTokens.oversized(length);
		assertThat(token.length()).isBetween(length, length + 2);
		assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
	}

	@Test
	void tokenWithArbitraryKidIsValidlySignedButMatchesNoServedKey() throws Exception {
		String kid = "../../etc/passwd' OR '1'='1";
		String token = MalformedTokens.withKid(this.issuer, kid, this.issuer.custom().claims());
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(kid);
		assertThat(jwt.verify(new RSASSAVerifier(this.issuer.rsaKey()))).isTrue();
		assertThatExceptionOfType(BadJOSEException.class)
			.isThrownBy(() -> verify(token, this.issuer.jwksUri(), JWSAlgorithm.RS256));
	}

	@Test
	void tokenWithUnknownCriticalHeaderIsRejectedDespiteValidSignature() throws Exception {
		String token = MalformedTokens.withCritHeader(this.issuer, this.issuer.custom().claims());
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getCriticalParams()).containsExactly(MalformedTokens.UNKNOWN_CRITICAL_PARAMETER);
		assertThat(jwt.getHeader().getCustomParam(MalformedTokens.UNKNOWN_CRITICAL_PARAMETER)).isEqualTo(true);
		assertThat(jwt.verify(new RSASSAVerifier(this.issuer.rsaKey().toRSAPublicKey(),
				Set.of(MalformedTokens.UNKNOWN_CRITICAL_PARAMETER))))
			.isTrue();
		assertThat(jwt.verify(new RSASSAVerifier(this.issuer.rsaKey()))).isFalse();
		assertThatExceptionOfType(BadJOSEException.class)
			.isThrownBy(() -> verify(token, this.issuer.jwksUri(), JWSAlgorithm.RS256));
	}

	@Test
	void tokenSignedByUnknownKeyCarriesIssuerKidButFailsVerification() throws Exception {
		String token = MalformedTokens.signedByUnknownKey(this.issuer, this.issuer.custom().claims());
		assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo("test-rsa-1");
		assertThatExceptionOfType(BadJOSEException.class)
			.isThrownBy(() -> verify(token, this.issuer.jwksUri(), JWSAlgorithm.RS256));
	}

	// --- helpers ---

	private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	// Verifies as an application would: keys fetched from the served JWKS, one expected
	// algorithm, exp/nbf checked.
	private JWTClaimsSet verify(String token, URI jwks, JWSAlgorithm algorithm) throws Exception {
		JWKSet keys = JWKSet.parse(get(jwks).body());
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm, new ImmutableJWKSet<>(keys)));
		return processor.process(token, null);
	}

	private static Map<String, Object> payload(String token) throws ParseException {
		return JSONObjectUtils.parse(SignedJWT.parse(token).getPayload().toString());
	}

}
