package dev.foundation.core.auth.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import dev.foundation.core.auth.AuthFailure;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * The claim checks every trusted issuer gets, built from Spring Security's validators:
 * {@code exp} present and not passed, {@code nbf} reached, {@code iat} not in the future
 * (all with the clock skew), {@code iss} equal to the configured issuer and, when
 * configured, {@code aud} naming one of the accepted audiences.
 */
public final class TokenValidators {

	private TokenValidators() {
	}

	/**
	 * Builds the validator.
	 * @param issuer the expected {@code iss}
	 * @param audiences accepted audiences; empty skips the check
	 * @param clockSkew tolerated clock difference
	 * @param clock the clock
	 * @param extra provider-specific validators
	 * @return the validator
	 */
	public static OAuth2TokenValidator<Jwt> create(String issuer, Collection<String> audiences, Duration clockSkew,
			Clock clock, List<OAuth2TokenValidator<Jwt>> extra) {
		// Each check with the category of its failure, for foundation.auth.failures.
		List<ReasonedValidator> validators = new ArrayList<>();
		validators.add(ReasonedValidator.of(AuthFailure.BEARER_REJECTED_CLAIMS,
				new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull)));
		JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
		timestamps.setClock(clock);
		validators.add(new ReasonedValidator(timestamps, (jwt) -> {
			Instant expiresAt = jwt.getExpiresAt();
			return (expiresAt != null && clock.instant().minus(clockSkew).isAfter(expiresAt))
					? AuthFailure.BEARER_EXPIRED : AuthFailure.BEARER_NOT_YET_VALID;
		}));
		validators.add(ReasonedValidator.of(AuthFailure.BEARER_NOT_YET_VALID, issuedAtNotInFuture(clockSkew, clock)));
		validators.add(ReasonedValidator.of(AuthFailure.BEARER_WRONG_ISSUER, new JwtIssuerValidator(issuer)));
		if (!audiences.isEmpty()) {
			List<String> accepted = List.copyOf(audiences);
			validators.add(ReasonedValidator.of(AuthFailure.BEARER_WRONG_AUDIENCE, new JwtClaimValidator<List<String>>(
					JwtClaimNames.AUD, (aud) -> aud != null && aud.stream().anyMatch(accepted::contains))));
		}
		for (OAuth2TokenValidator<Jwt> validator : extra) {
			validators.add((validator instanceof ReasonedValidator reasoned) ? reasoned
					: ReasonedValidator.of(AuthFailure.BEARER_REJECTED_CLAIMS, validator));
		}
		return new ClassifyingTokenValidator(validators);
	}

	/**
	 * Rejects Clerk tokens whose {@code azp} (the origin that requested them) is not an
	 * authorized party.
	 * @param authorizedParties the accepted origins; empty accepts any
	 * @return the validator
	 */
	public static OAuth2TokenValidator<Jwt> authorizedParty(Collection<String> authorizedParties) {
		List<String> accepted = List.copyOf(authorizedParties);
		return (jwt) -> {
			if (accepted.isEmpty()) {
				return OAuth2TokenValidatorResult.success();
			}
			String azp = jwt.getClaimAsString("azp");
			return (azp != null && accepted.contains(azp)) ? OAuth2TokenValidatorResult.success()
					: failure("The token was issued to an unauthorized party");
		};
	}

	/**
	 * Rejects every token that is not typed as an OAuth 2.0 access token: JOSE header
	 * {@code typ} {@code at+jwt} or {@code application/at+jwt}, in any case (RFC 9068,
	 * section 2.1). An ID token (typed {@code JWT} or untyped) signed by the same issuer
	 * with the same keys is refused, so it cannot be replayed as an access token.
	 * @return the validator
	 */
	public static OAuth2TokenValidator<Jwt> accessTokenType() {
		return ReasonedValidator.of(AuthFailure.BEARER_WRONG_TYPE, (jwt) -> {
			Object type = jwt.getHeaders().get("typ");
			return (type instanceof String value && TokenTypes.isAccessToken(value))
					? OAuth2TokenValidatorResult.success()
					: failure("The token is not an access token (typ must be at+jwt)");
		});
	}

	/**
	 * Rejects tokens of Supabase anonymous users.
	 * @return the validator
	 */
	public static OAuth2TokenValidator<Jwt> notAnonymous() {
		return (jwt) -> Boolean.TRUE.equals(jwt.getClaims().get("is_anonymous"))
				? failure("Anonymous users are not accepted") : OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidator<Jwt> issuedAtNotInFuture(Duration clockSkew, Clock clock) {
		return (jwt) -> {
			Instant issuedAt = jwt.getIssuedAt();
			if (issuedAt != null && issuedAt.isAfter(clock.instant().plus(clockSkew))) {
				return failure("The token was issued in the future");
			}
			return OAuth2TokenValidatorResult.success();
		};
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
	}

}
