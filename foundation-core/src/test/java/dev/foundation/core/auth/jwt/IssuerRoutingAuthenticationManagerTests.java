package dev.foundation.core.auth.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.FoundationAuthentication;
import dev.foundation.test.auth.MalformedTokens;
import dev.foundation.test.auth.TestJwtIssuer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Issuer routing with one parse per token: the token reaches the issuer its {@code iss}
 * names, with every check of that issuer, and a token of no trusted issuer costs a parse
 * and nothing else.
 */
class IssuerRoutingAuthenticationManagerTests {

	private final TestJwtIssuer tokens = TestJwtIssuer.start();

	private final JwtDecoderFactory factory = new JwtDecoderFactory(
			new JwksSettings(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofHours(1),
					Duration.ofMillis(500), Duration.ofMillis(500), 1),
			RetryRegistry.ofDefaults(), CircuitBreakerRegistry.ofDefaults());

	private final AuthenticationManager manager = new TrustedIssuerRegistry(
			List.of(issuer("partner", this.tokens.baseUrl(), this.tokens.jwksUri().toString()),
					issuer("keys-down", "https://keys-down.example.com", "http://127.0.0.1:1/jwks.json")))
		.authenticationManager();

	@AfterEach
	void close() {
		this.factory.close();
		this.tokens.close();
	}

	@Test
	void tokenReachesTheIssuerItNamesWithEveryCheck() {
		BearerTokenAuthenticationToken bearer = bearer(this.tokens.custom().audience("api").user("alice").token());
		bearer.setDetails("request details");
		Authentication authentication = this.manager.authenticate(bearer);
		assertThat(authentication).isInstanceOf(FoundationAuthentication.class);
		assertThat(authentication.getName()).isEqualTo("alice");
		assertThat(authentication.getDetails()).isEqualTo("request details");
		// The issuer's validators still run on the parsed token: another audience is
		// refused.
		assertThatExceptionOfType(InvalidBearerTokenException.class)
			.isThrownBy(() -> this.manager.authenticate(bearer(this.tokens.custom().audience("other").token())));
	}

	@Test
	void floodOfTokensOfUntrustedIssuersWithRandomKidsFetchesNoKeys() {
		this.tokens.resetRequestCount();
		for (int i = 0; i < 1000; i++) {
			String token = MalformedTokens.withKid(this.tokens, UUID.randomUUID().toString(),
					this.tokens.custom("https://evil-" + i + ".example.com").audience("api").claims());
			assertThatExceptionOfType(InvalidBearerTokenException.class)
				.isThrownBy(() -> this.manager.authenticate(bearer(token)))
				.withMessage("Invalid issuer");
		}
		assertThat(this.tokens.jwksRequestCount()).isZero();
	}

	@Test
	void unsignedTokenNamingATrustedIssuerIsRejected() {
		String unsigned = MalformedTokens.unsigned(this.tokens.custom().audience("api").claims());
		assertThatExceptionOfType(InvalidBearerTokenException.class)
			.isThrownBy(() -> this.manager.authenticate(bearer(unsigned)));
	}

	@Test
	void tokenWithoutIssuerOrUnparsableIsRejected() {
		String noIssuer = this.tokens.sign(this.tokens.custom()
			.audience("api")
			.claims()
			.toJSONObject()
			.entrySet()
			.stream()
			.filter((claim) -> !claim.getKey().equals("iss"))
			.collect(com.nimbusds.jwt.JWTClaimsSet.Builder::new,
					(builder, claim) -> builder.claim(claim.getKey(), claim.getValue()), (a, b) -> {
					})
			.build());
		assertThatExceptionOfType(InvalidBearerTokenException.class)
			.isThrownBy(() -> this.manager.authenticate(bearer(noIssuer)))
			.withMessage("Missing issuer");
		assertThatExceptionOfType(InvalidBearerTokenException.class)
			.isThrownBy(() -> this.manager.authenticate(bearer("not.a.token")));
	}

	@Test
	void tokenOfATrustedIssuerWhoseKeysAreUnreachableIsAServiceFailureNotABadToken() {
		String token = this.tokens.custom("https://keys-down.example.com").audience("api").token();
		assertThatExceptionOfType(AuthenticationServiceException.class)
			.isThrownBy(() -> this.manager.authenticate(bearer(token)));
	}

	private TrustedIssuer issuer(String name, String iss, String jwkSetUri) {
		return new TrustedIssuer(name, AuthProvider.CUSTOM, iss,
				this.factory.jwkSet(name, java.net.URI.create(jwkSetUri), Set.of(JWSAlgorithm.RS256), TokenValidators
					.create(iss, List.of("api"), Duration.ofSeconds(60), Clock.systemUTC(), List.of())),
				new ClaimsPrincipalMapper("sub", "email", null, "roles"));
	}

	private static BearerTokenAuthenticationToken bearer(String token) {
		return new BearerTokenAuthenticationToken(token);
	}

}
