package dev.foundation.core.auth.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim checks every trusted issuer gets, on tokens whose signature is assumed valid,
 * against a fixed clock.
 */
class TokenValidatorsTests {

	private static final String ISSUER = "https://auth.example.com";

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final Duration SKEW = Duration.ofSeconds(60);

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private final OAuth2TokenValidator<Jwt> validator = TokenValidators.create(ISSUER, List.of("api", "admin-api"),
			SKEW, this.clock, List.of());

	@Test
	void acceptsCurrentTokenOfTheIssuerForAnAcceptedAudience() {
		assertValid(jwt(UnaryOperator.identity()));
	}

	@Test
	void acceptsTokenNamingOneOfSeveralAudiences() {
		assertValid(jwt((builder) -> builder.audience(List.of("other", "admin-api"))));
	}

	@Test
	void rejectsExpiredToken() {
		assertInvalid(jwt((builder) -> builder.issuedAt(NOW.minusSeconds(3600)).expiresAt(NOW.minusSeconds(61))));
	}

	@Test
	void acceptsTokenExpiredWithinClockSkew() {
		assertValid(jwt((builder) -> builder.issuedAt(NOW.minusSeconds(3600)).expiresAt(NOW.minusSeconds(59))));
	}

	@Test
	void rejectsTokenWithoutExpiry() {
		assertInvalid(jwt((builder) -> builder.claims((claims) -> claims.remove("exp"))));
	}

	@Test
	void rejectsTokenNotYetValid() {
		assertInvalid(jwt((builder) -> builder.notBefore(NOW.plusSeconds(120))));
	}

	@Test
	void acceptsTokenValidSoonWithinClockSkew() {
		assertValid(jwt((builder) -> builder.notBefore(NOW.plusSeconds(30))));
	}

	@Test
	void rejectsTokenIssuedInTheFutureBeyondClockSkew() {
		assertInvalid(jwt((builder) -> builder.issuedAt(NOW.plusSeconds(120)).expiresAt(NOW.plusSeconds(3600))));
	}

	@Test
	void acceptsTokenIssuedInTheFutureWithinClockSkew() {
		assertValid(jwt((builder) -> builder.issuedAt(NOW.plusSeconds(30)).expiresAt(NOW.plusSeconds(3600))));
	}

	@Test
	void acceptsTokenWithoutIssuedAt() {
		assertValid(jwt((builder) -> builder.claims((claims) -> claims.remove("iat"))));
	}

	@Test
	void rejectsTokenOfAnotherIssuer() {
		assertInvalid(jwt((builder) -> builder.issuer("https://evil.example.com")));
	}

	@Test
	void rejectsTokenWhoseIssuerDiffersOnlyByTrailingSlash() {
		assertInvalid(jwt((builder) -> builder.issuer(ISSUER + "/")));
	}

	@Test
	void rejectsTokenWithoutIssuer() {
		assertInvalid(jwt((builder) -> builder.claims((claims) -> claims.remove("iss"))));
	}

	@Test
	void rejectsTokenForAnotherAudience() {
		assertInvalid(jwt((builder) -> builder.audience(List.of("billing"))));
	}

	@Test
	void rejectsTokenWithoutAudienceWhenAudiencesAreConfigured() {
		assertInvalid(jwt((builder) -> builder.claims((claims) -> claims.remove("aud"))));
	}

	@Test
	void skipsAudienceCheckWhenNoneIsConfigured() {
		OAuth2TokenValidator<Jwt> noAudience = TokenValidators.create(ISSUER, List.of(), SKEW, this.clock, List.of());
		assertThat(noAudience.validate(jwt((builder) -> builder.claims((claims) -> claims.remove("aud")))).hasErrors())
			.isFalse();
		assertThat(noAudience.validate(jwt((builder) -> builder.audience(List.of("anything")))).hasErrors()).isFalse();
	}

	@Test
	void runsExtraValidators() {
		OAuth2TokenValidator<Jwt> withAnonymousCheck = TokenValidators.create(ISSUER, List.of(), SKEW, this.clock,
				List.of(TokenValidators.notAnonymous()));
		assertThat(withAnonymousCheck.validate(jwt((builder) -> builder.claim("is_anonymous", true))).hasErrors())
			.isTrue();
		assertThat(withAnonymousCheck.validate(jwt((builder) -> builder.claim("is_anonymous", false))).hasErrors())
			.isFalse();
	}

	@Test
	void notAnonymousAcceptsTokensWithoutTheClaim() {
		assertThat(TokenValidators.notAnonymous().validate(jwt(UnaryOperator.identity())).hasErrors()).isFalse();
	}

	@Test
	void authorizedPartyMustBeListed() {
		OAuth2TokenValidator<Jwt> azp = TokenValidators.authorizedParty(List.of("https://app.example.com"));
		assertThat(azp.validate(jwt((builder) -> builder.claim("azp", "https://app.example.com"))).hasErrors())
			.isFalse();
		assertThat(azp.validate(jwt((builder) -> builder.claim("azp", "https://evil.example.com"))).hasErrors())
			.isTrue();
		assertThat(azp.validate(jwt(UnaryOperator.identity())).hasErrors()).isTrue();
	}

	@Test
	void emptyAuthorizedPartiesAcceptAnyParty() {
		OAuth2TokenValidator<Jwt> azp = TokenValidators.authorizedParty(List.of());
		assertThat(azp.validate(jwt((builder) -> builder.claim("azp", "https://anything.example.com"))).hasErrors())
			.isFalse();
		assertThat(azp.validate(jwt(UnaryOperator.identity())).hasErrors()).isFalse();
	}

	@Test
	void failuresAreInvalidTokenErrors() {
		OAuth2TokenValidatorResult result = this.validator
			.validate(jwt((builder) -> builder.issuer("https://evil.example.com").audience(List.of("billing"))));
		assertThat(result.getErrors()).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy((error) -> assertThat(error.getErrorCode()).isEqualTo(OAuth2ErrorCodes.INVALID_TOKEN));
	}

	private void assertValid(Jwt jwt) {
		OAuth2TokenValidatorResult result = this.validator.validate(jwt);
		assertThat(result.getErrors()).isEmpty();
	}

	private void assertInvalid(Jwt jwt) {
		assertThat(this.validator.validate(jwt).hasErrors()).isTrue();
	}

	private static Jwt jwt(UnaryOperator<Jwt.Builder> customizer) {
		Jwt.Builder builder = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.issuer(ISSUER)
			.subject("user-1")
			.audience(List.of("api"))
			.issuedAt(NOW.minusSeconds(10))
			.expiresAt(NOW.plusSeconds(3600));
		return customizer.apply(builder).build();
	}

}
