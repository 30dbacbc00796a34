package dev.foundation.core.auth.jwt;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import dev.foundation.test.auth.MalformedTokens;
import dev.foundation.test.auth.TestJwtIssuer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Decoders built by the factory, against the test kit's issuer: the right key and claims
 * work; every forged, tampered, foreign or out-of-date token fails; key sets are cached,
 * rate limited and survive an outage.
 */
class JwtDecoderFactoryTests {

	private static final Set<JWSAlgorithm> RS256_ES256 = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

	private static final String SECRET = "a-legacy-jwt-secret-of-at-least-32-bytes!";

	private static final String OTHER_SECRET = "another-secret-that-is-also-32-bytes-long";

	private static final Duration SKEW = Duration.ofSeconds(60);

	private final TestJwtIssuer issuer = TestJwtIssuer.start();

	private final CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();

	private final JwtDecoderFactory factory = factory(settings(Duration.ofMinutes(5), Duration.ofSeconds(30)));

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		this.issuer.close();
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void keySetDecoderAcceptsValidRs256AndEs256Tokens() {
		JwtDecoder decoder = keySetDecoder();
		Jwt rs256 = decoder.decode(this.issuer.custom().audience("api").user("alice").token());
		assertThat(rs256.getSubject()).isEqualTo("alice");
		assertThat(rs256.getHeaders()).containsEntry("alg", "RS256");
		Jwt es256 = decoder.decode(this.issuer.custom().audience("api").signedWith(JWSAlgorithm.ES256).token());
		assertThat(es256.getHeaders()).containsEntry("alg", "ES256");
	}

	@Test
	void rejectsTokenSignedWithNoneAlgorithm() {
		assertRejected(keySetDecoder(), MalformedTokens.unsigned(validClaims()));
	}

	@Test
	void rejectsHs256TokenSignedWithThePublicKey() throws Exception {
		JwtDecoder decoder = keySetDecoder();
		assertRejected(decoder, MalformedTokens.hs256SignedWithPublicKey(this.issuer.rsaKey(), validClaims()));
		assertRejected(decoder, MalformedTokens.hs256SignedWithPublicKey(
				this.issuer.rsaKey().toRSAPublicKey().getEncoded(), this.issuer.rsaKey().getKeyID(), validClaims()));
		assertRejected(decoder,
				MalformedTokens.hs256SignedWithPublicKey(
						this.issuer.rsaKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
						this.issuer.rsaKey().getKeyID(), validClaims()));
	}

	@Test
	void rejectsTokenSignedByUnknownKey() {
		assertRejected(keySetDecoder(), MalformedTokens.signedByUnknownKey(this.issuer, validClaims()));
	}

	@Test
	void rejectsTokenWithUnknownKid() {
		JwtDecoder decoder = keySetDecoder();
		assertRejected(decoder, MalformedTokens.withKid(this.issuer, "unknown-kid", validClaims()));
		assertRejected(decoder, MalformedTokens.withKid(this.issuer, "../../etc/passwd", validClaims()));
	}

	@Test
	void rejectsTokenWithoutKidWhenNoKeyMatchesItsAlgorithm() {
		String token = this.issuer.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
				validClaims());
		// Without a kid the single RSA key of the set is tried: the signature is the
		// issuer's, so it verifies.
		assertThat(keySetDecoder().decode(token).getSubject()).isNotBlank();
	}

	@Test
	void neverFollowsJkuOrEmbeddedJwkHeaders() {
		try (TestJwtIssuer attacker = TestJwtIssuer.start()) {
			JwtDecoder decoder = keySetDecoder();
			JWTClaimsSet claims = validClaims();
			String viaJku = attacker.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
				.keyID(attacker.rsaKey().getKeyID())
				.jwkURL(attacker.jwksUri())
				.build(), claims);
			String viaJwk = attacker.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
				.keyID(attacker.rsaKey().getKeyID())
				.jwk(attacker.rsaKey().toPublicJWK())
				.build(), claims);
			assertRejected(decoder, viaJku);
			assertRejected(decoder, viaJwk);
			assertThat(attacker.jwksRequestCount()).isZero();
		}
	}

	@Test
	void rejectsExpiredToken() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		assertRejected(keySetDecoder(),
				this.issuer.custom()
					.audience("api")
					.issuedAt(now.minus(Duration.ofHours(2)))
					.expiresIn(Duration.ofMinutes(110))
					.token());
	}

	@Test
	void rejectsTokenNotYetValid() {
		assertRejected(keySetDecoder(),
				this.issuer.custom().audience("api").notBefore(Instant.now().plus(Duration.ofMinutes(10))).token());
	}

	@Test
	void rejectsTokenIssuedInTheFutureBeyondClockSkew() {
		assertRejected(keySetDecoder(),
				this.issuer.custom().audience("api").issuedAt(Instant.now().plus(Duration.ofMinutes(10))).token());
	}

	@Test
	void acceptsTokenIssuedInTheFutureWithinClockSkew() {
		Jwt jwt = keySetDecoder()
			.decode(this.issuer.custom().audience("api").issuedAt(Instant.now().plusSeconds(20)).token());
		assertThat(jwt.getIssuedAt()).isAfter(Instant.now());
	}

	@Test
	void rejectsTokenOfAnotherIssuer() {
		assertRejected(keySetDecoder(), this.issuer.custom("https://evil.example.com").audience("api").token());
	}

	@Test
	void rejectsTokenForAnotherAudience() {
		assertRejected(keySetDecoder(), this.issuer.custom().audience("billing").token());
		assertRejected(keySetDecoder(), this.issuer.custom().token());
	}

	@Test
	void rejectsTokenWithoutExpiry() {
		assertRejected(keySetDecoder(), this.issuer.custom().audience("api").claim("exp", null).token());
	}

	@Test
	void rejectsTokenWithUnknownCriticalHeader() {
		assertRejected(keySetDecoder(), MalformedTokens.withCritHeader(this.issuer, validClaims()));
	}

	@Test
	void rejectsTokenWhosePayloadWasReplaced() {
		String valid = this.issuer.custom().audience("api").user("alice").token();
		JWTClaimsSet escalated = this.issuer.custom().audience("api").user("alice").roles("admin").claims();
		assertRejected(keySetDecoder(), MalformedTokens.withPayloadReplaced(valid, escalated));
	}

	@Test
	void rejectsTruncatedAndEmptyTokens() {
		JwtDecoder decoder = keySetDecoder();
		String valid = this.issuer.custom().audience("api").token();
		assertRejected(decoder, MalformedTokens.truncated(valid));
		assertRejected(decoder, valid.substring(0, valid.lastIndexOf('.')));
		assertRejected(decoder, valid.substring(0, valid.lastIndexOf('.') + 1));
		assertRejected(decoder, MalformedTokens.threeEmptySegments());
		assertRejected(decoder, "not-a-token");
		assertRejected(decoder, "");
	}

	@Test
	void rejectsAlgorithmsOutsideTheAllowList() {
		JwtDecoder decoder = keySetDecoder();
		assertRejected(decoder, this.issuer.custom().audience("api").signedWith(JWSAlgorithm.RS512).token());
		assertRejected(decoder, this.issuer.custom().audience("api").signedWith(JWSAlgorithm.PS256).token());
		JwtDecoder es256Only = this.factory.jwkSet("es256-only", this.issuer.jwksUri(), Set.of(JWSAlgorithm.ES256),
				validator(this.issuer.baseUrl()));
		assertRejected(es256Only, this.issuer.custom().audience("api").token());
	}

	@Test
	void keySetDecoderRefusesHmacOrNoAlgorithms() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.jwkSet("hmac", this.issuer.jwksUri(),
				Set.of(JWSAlgorithm.RS256, JWSAlgorithm.HS256), validator(this.issuer.baseUrl())));
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.factory.jwkSet("none", this.issuer.jwksUri(), Set.of(), validator(this.issuer.baseUrl())));
	}

	@Test
	void legacySecretDecoderAcceptsHs256AndEs256Tokens() {
		JwtDecoder decoder = legacySecretDecoder();
		Jwt hs256 = decoder.decode(this.issuer.supabase().user("legacy-user").signedWithSecret(SECRET).token());
		assertThat(hs256.getSubject()).isEqualTo("legacy-user");
		assertThat(hs256.getHeaders()).containsEntry("alg", "HS256");
		Jwt es256 = decoder.decode(this.issuer.supabase().user("new-user").token());
		assertThat(es256.getSubject()).isEqualTo("new-user");
		assertThat(decoder.decode(this.issuer.supabase().signedWith(JWSAlgorithm.RS256).token()).getSubject())
			.isNotBlank();
	}

	@Test
	void legacySecretDecoderRejectsHs256SignedWithAnotherSecret() {
		assertRejected(legacySecretDecoder(), this.issuer.supabase().signedWithSecret(OTHER_SECRET).token());
	}

	@Test
	void legacySecretDecoderRejectsKeyConfusionAndUnsignedTokens() {
		JwtDecoder decoder = legacySecretDecoder();
		JWTClaimsSet claims = this.issuer.supabase().claims();
		assertRejected(decoder, MalformedTokens.hs256SignedWithPublicKey(this.issuer.rsaKey(), claims));
		assertRejected(decoder, MalformedTokens.unsigned(claims));
		assertRejected(decoder, MalformedTokens.signedByUnknownKey(this.issuer, claims));
	}

	@Test
	void legacySecretDecoderStillChecksClaims() {
		JwtDecoder decoder = legacySecretDecoder();
		assertRejected(decoder, this.issuer.supabase().audience("anon").signedWithSecret(SECRET).token());
		assertRejected(decoder, this.issuer.supabase("https://other.supabase.co").signedWithSecret(SECRET).token());
	}

	@Test
	void secretDecoderAcceptsTokensSignedWithTheSecret() {
		JwtDecoder decoder = this.factory.secret(SECRET.getBytes(StandardCharsets.UTF_8), JWSAlgorithm.HS256,
				validator("legacy"));
		assertThat(decoder.decode(this.issuer.custom("legacy").audience("api").signedWithSecret(SECRET).token())
			.getSubject()).isNotBlank();
		assertRejected(decoder, this.issuer.custom("legacy").audience("api").signedWithSecret(OTHER_SECRET).token());
		assertRejected(decoder, this.issuer.custom("legacy").audience("api").token());
		assertRejected(decoder, MalformedTokens.unsigned(this.issuer.custom("legacy").audience("api").claims()));
	}

	@Test
	void secretDecoderRejectsNonHmacAlgorithm() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory
			.secret(SECRET.getBytes(StandardCharsets.UTF_8), JWSAlgorithm.RS256, validator("legacy")));
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory
			.secret(SECRET.getBytes(StandardCharsets.UTF_8), JWSAlgorithm.ES256, validator("legacy")));
	}

	@Test
	void publicKeyDecoderWorksWithRsaKey() throws Exception {
		JwtDecoder decoder = this.factory.publicKey(this.issuer.rsaKey().toRSAPublicKey(), RS256_ES256,
				validator(this.issuer.baseUrl()));
		// The kit's tokens carry a kid, which the configured key (from PEM) does not
		// have.
		assertThat(decoder.decode(this.issuer.custom().audience("api").token()).getHeaders()).containsKey("kid");
		String withoutKid = this.issuer.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
				validClaims());
		assertThat(decoder.decode(withoutKid).getSubject()).isNotBlank();
		assertRejected(decoder, this.issuer.custom().audience("api").signedWith(JWSAlgorithm.ES256).token());
		assertRejected(decoder, MalformedTokens.signedByUnknownKey(this.issuer, validClaims()));
		assertRejected(decoder, MalformedTokens.hs256SignedWithPublicKey(this.issuer.rsaKey(), validClaims()));
		assertThat(this.issuer.jwksRequestCount()).isZero();
	}

	@Test
	void publicKeyDecoderWorksWithEcKey() throws Exception {
		JwtDecoder decoder = this.factory.publicKey(this.issuer.ecKey().toECPublicKey(), Set.of(JWSAlgorithm.ES256),
				validator(this.issuer.baseUrl()));
		assertThat(decoder.decode(this.issuer.custom().audience("api").signedWith(JWSAlgorithm.ES256).token())
			.getSubject()).isNotBlank();
		assertRejected(decoder, this.issuer.custom().audience("api").token());
	}

	@Test
	void publicKeyDecoderRefusesOtherKeyTypesAndHmac() throws Exception {
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.factory.publicKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic(),
						Set.of(JWSAlgorithm.EdDSA), validator(this.issuer.baseUrl())));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.publicKey(this.issuer.rsaKey().toRSAPublicKey(), Set.of(JWSAlgorithm.HS256),
					validator(this.issuer.baseUrl())));
	}

	@Test
	void discoveredDecoderFindsKeysThroughDiscoveryAtTheFirstToken() {
		JwtDecoder decoder = this.factory.discovered("oidc", URI.create(this.issuer.baseUrl()), RS256_ES256,
				validator(this.issuer.baseUrl()));
		assertThat(this.issuer.jwksRequestCount()).isZero();
		assertThat(decoder.decode(this.issuer.custom().audience("api").user("alice").token()).getSubject())
			.isEqualTo("alice");
		assertThat(this.issuer.jwksRequestCount()).isEqualTo(1);
		assertThat(decoder.decode(this.issuer.custom().audience("api").signedWith(JWSAlgorithm.ES256).token())
			.getSubject()).isNotBlank();
		assertThat(this.issuer.jwksRequestCount()).isEqualTo(1);
		assertRejected(decoder, MalformedTokens.hs256SignedWithPublicKey(this.issuer.rsaKey(), validClaims()));
	}

	@Test
	void discoveredDecoderMakesNoNetworkCallAtConstruction() throws Exception {
		Counting discovery = countingServer("{}");
		JwtDecoder decoder = this.factory.discovered("oidc", URI.create(discovery.baseUrl()), RS256_ES256,
				validator(discovery.baseUrl()));
		assertThat(decoder).isNotNull();
		assertThat(discovery.requests()).isZero();
	}

	@Test
	void discoveredDecoderRejectsDiscoveryDocumentNamingAnotherIssuer() throws Exception {
		Counting discovery = countingServer(
				"{\"issuer\":\"https://evil.example.com\",\"jwks_uri\":\"" + this.issuer.jwksUri() + "\"}");
		JwtDecoder decoder = this.factory.discovered("oidc", URI.create(discovery.baseUrl()), RS256_ES256,
				validator(discovery.baseUrl()));
		String token = this.issuer.custom(discovery.baseUrl()).audience("api").token();
		assertThatThrownBy(() -> decoder.decode(token)).hasStackTraceContaining("names another issuer");
		assertThat(discovery.requests()).isEqualTo(1);
		assertThat(this.issuer.jwksRequestCount()).isZero();
	}

	@Test
	void discoveryDocumentPointingKeysAtPlainHttpHostIsRefused() throws Exception {
		// The document must name its own server as issuer: its address is known once it
		// listens.
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		String base = "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
		byte[] document = ("{\"issuer\":\"" + base + "\",\"jwks_uri\":\"http://keys.example.com/jwks.json\"}")
			.getBytes(StandardCharsets.UTF_8);
		server.createContext("/", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, document.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(document);
			}
		});
		server.start();
		this.closeables.add(() -> server.stop(0));
		JwtDecoder decoder = this.factory.discovered("oidc", URI.create(base), RS256_ES256, validator(base));
		String token = this.issuer.custom(base).audience("api").token();
		assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class)
			.hasStackTraceContaining("neither https nor on a loopback host");
	}

	@Test
	void factoryItselfRefusesPlainHttpKeySetsAndShortSecrets() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.jwkSet("partner",
				URI.create("http://keys.example.com/jwks.json"), RS256_ES256, validator("partner")));
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.discovered("oidc",
				URI.create("http://10.0.0.8/realms/main"), RS256_ES256, validator("oidc")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.secret("too-short".getBytes(java.nio.charset.StandardCharsets.UTF_8),
					JWSAlgorithm.HS256, validator("legacy")));
	}

	@Test
	void floodOfTokensWithRandomKidsCausesAtMostOneExtraKeySetFetch() {
		JwtDecoder decoder = keySetDecoder();
		assertThat(decoder.decode(this.issuer.custom().audience("api").token()).getSubject()).isNotBlank();
		assertThat(this.issuer.jwksRequestCount()).isEqualTo(1);
		this.issuer.resetRequestCount();
		JWTClaimsSet claims = validClaims();
		for (int i = 0; i < 1000; i++) {
			String token = MalformedTokens.withKid(this.issuer, UUID.randomUUID().toString(), claims);
			assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(token));
		}
		assertThat(this.issuer.jwksRequestCount()).isLessThanOrEqualTo(1);
		assertThat(decoder.decode(this.issuer.custom().audience("api").token()).getSubject()).isNotBlank();
		assertThat(this.issuer.jwksRequestCount()).isLessThanOrEqualTo(1);
	}

	@Test
	void tokensWithUnknownKidsAreBadTokensEvenWhenRateLimited() {
		JwtDecoder decoder = keySetDecoder();
		decoder.decode(this.issuer.custom().audience("api").token());
		JWTClaimsSet claims = validClaims();
		for (int i = 0; i < 5; i++) {
			String token = MalformedTokens.withKid(this.issuer, UUID.randomUUID().toString(), claims);
			// Only a BadJwtException becomes a 401; any other JwtException is reported as
			// a server failure (500).
			assertThat(catchThrowable(() -> decoder.decode(token))).as("token %d", i)
				.isInstanceOf(BadJwtException.class);
		}
	}

	@Test
	void warmKeySetKeepsValidatingWhileTheEndpointIsDown() {
		JwtDecoder decoder = keySetDecoder();
		decoder.decode(this.issuer.custom().audience("api").token());
		this.issuer.setJwksAvailable(false);
		for (int i = 0; i < 10; i++) {
			assertThat(decoder.decode(this.issuer.custom().audience("api").token()).getSubject()).isNotBlank();
			assertThat(decoder.decode(this.issuer.custom().audience("api").signedWith(JWSAlgorithm.ES256).token())
				.getSubject()).isNotBlank();
		}
		assertThat(this.issuer.jwksRequestCount()).isEqualTo(1);
	}

	@Test
	void tokenNeedingAKeyNotInTheCachedSetWhileTheEndpointIsDownIsAnOutageNotABadToken() {
		JwtDecoder decoder = keySetDecoder();
		decoder.decode(this.issuer.custom().audience("api").token());
		this.issuer.setJwksAvailable(false);
		// A key the issuer may have rotated to: only the endpoint could say whether it is
		// genuine, and it is down. A BadJwtException would be a 401 telling the client to
		// drop a token that may be good; any other JwtException is answered 503.
		String rotated = MalformedTokens.withKid(this.issuer, "rotated-kid", validClaims());
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(rotated))
			.isNotInstanceOf(BadJwtException.class);
		assertThat(decoder.decode(this.issuer.custom().audience("api").token()).getSubject()).isNotBlank();
	}

	@Test
	void lastKeySetOutlivesItsCacheTtlDuringAnOutageEvenWithTheCircuitOpen() throws Exception {
		JwtDecoderFactory shortLived = factory(settings(Duration.ofMillis(600), Duration.ofMillis(100)));
		JwtDecoder decoder = shortLived.jwkSet("short", this.issuer.jwksUri(), RS256_ES256,
				validator(this.issuer.baseUrl()));
		decoder.decode(this.issuer.custom().audience("api").token());
		this.issuer.setJwksAvailable(false);
		CircuitBreaker circuitBreaker = this.circuitBreakers.circuitBreaker("jwks-short");
		Set<CircuitBreaker.State> states = new HashSet<>();
		for (int i = 0; i < 4; i++) {
			Thread.sleep(700);
			states.add(circuitBreaker.getState());
			String token = this.issuer.custom().audience("api").token();
			assertThat(catchThrowable(() -> decoder.decode(token)))
				.as("decode %d after the TTL, circuit %s, %d fetches", i, circuitBreaker.getState(),
						this.issuer.jwksRequestCount())
				.isNull();
		}
		assertThat(this.issuer.jwksRequestCount()).isGreaterThan(1);
		assertThat(circuitBreaker.getMetrics().getNumberOfFailedCalls()).isPositive();
		assertThat(states).contains(CircuitBreaker.State.OPEN);
	}

	@Test
	void circuitBreakerIsRegisteredPerIssuer() {
		this.factory.jwkSet("clerk", this.issuer.jwksUri(), RS256_ES256, validator(this.issuer.baseUrl()));
		assertThat(this.factory.circuitBreakers()).isSameAs(this.circuitBreakers);
		assertThat(this.circuitBreakers.find("jwks-clerk")).isPresent();
		assertThat(this.issuer.jwksRequestCount()).isZero();
	}

	@Test
	void circuitBreakerRecordsFailuresWhenTheEndpointIsDownAndTheCacheIsCold() {
		this.issuer.setJwksAvailable(false);
		JwtDecoder decoder = this.factory.jwkSet("cold", this.issuer.jwksUri(), RS256_ES256,
				validator(this.issuer.baseUrl()));
		String token = this.issuer.custom().audience("api").token();
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(token));
		CircuitBreaker circuitBreaker = this.circuitBreakers.find("jwks-cold").orElseThrow();
		// Two attempts per fetch, each through the circuit breaker.
		assertThat(circuitBreaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(2);
		assertThat(this.issuer.jwksRequestCount()).isEqualTo(2);
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(token));
		// The third failure opens the circuit (3 calls at least, 50 %): the fourth
		// attempt is not sent.
		assertThat(circuitBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(circuitBreaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(3);
		assertThat(circuitBreaker.getMetrics().getNumberOfNotPermittedCalls()).isPositive();
		assertThat(this.issuer.jwksRequestCount()).isEqualTo(3);
	}

	private JwtDecoder keySetDecoder() {
		return this.factory.jwkSet("test", this.issuer.jwksUri(), RS256_ES256, validator(this.issuer.baseUrl()));
	}

	private JwtDecoder legacySecretDecoder() {
		return this.factory.jwkSetWithLegacySecret("supabase", this.issuer.supabaseJwksUri(), RS256_ES256,
				SECRET.getBytes(StandardCharsets.UTF_8), TokenValidators.create(this.issuer.baseUrl() + "/auth/v1",
						List.of("authenticated"), SKEW, Clock.systemUTC(), List.of()));
	}

	private JWTClaimsSet validClaims() {
		return this.issuer.custom().audience("api").claims();
	}

	private static OAuth2TokenValidator<Jwt> validator(String issuer) {
		return TokenValidators.create(issuer, List.of("api"), SKEW, Clock.systemUTC(), List.of());
	}

	private static void assertRejected(JwtDecoder decoder, String token) {
		assertThatExceptionOfType(JwtException.class).as(token).isThrownBy(() -> decoder.decode(token));
	}

	private JwtDecoderFactory factory(JwksSettings settings) {
		return new JwtDecoderFactory(settings, RetryRegistry.ofDefaults(), this.circuitBreakers);
	}

	// Fetch timeouts are short: everything is on 127.0.0.1.
	private static JwksSettings settings(Duration cacheTtl, Duration minRefreshInterval) {
		Duration refreshAhead = cacheTtl.dividedBy(10);
		Duration timeout = cacheTtl.compareTo(Duration.ofSeconds(5)) < 0 ? Duration.ofMillis(100)
				: Duration.ofMillis(500);
		return new JwksSettings(cacheTtl, refreshAhead, minRefreshInterval, Duration.ofHours(1), timeout, timeout, 2);
	}

	private Counting countingServer(String discoveryDocument) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		Counting counting = new Counting(server);
		server.createContext("/", (exchange) -> {
			counting.count++;
			byte[] body = discoveryDocument.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
		this.closeables.add(() -> server.stop(0));
		return counting;
	}

	private static final class Counting {

		private final HttpServer server;

		private volatile int count;

		Counting(HttpServer server) {
			this.server = server;
		}

		String baseUrl() {
			return "http://" + this.server.getAddress().getHostString() + ":" + this.server.getAddress().getPort();
		}

		int requests() {
			return this.count;
		}

	}

}
