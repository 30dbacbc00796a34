package dev.foundation.core.auth.jwt;

import java.util.ArrayList;
import java.util.List;

import dev.foundation.core.auth.AuthFailure;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Runs every claim check, as Spring Security's {@code DelegatingOAuth2TokenValidator}
 * does, and tells the category of the first that failed.
 */
final class ClassifyingTokenValidator implements OAuth2TokenValidator<Jwt> {

	private final List<ReasonedValidator> validators;

	ClassifyingTokenValidator(List<ReasonedValidator> validators) {
		this.validators = List.copyOf(validators);
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		return check(token).result();
	}

	Outcome check(Jwt token) {
		List<OAuth2Error> errors = new ArrayList<>();
		AuthFailure failure = null;
		for (ReasonedValidator validator : this.validators) {
			OAuth2TokenValidatorResult result = validator.validate(token);
			if (result.hasErrors()) {
				errors.addAll(result.getErrors());
				if (failure == null) {
					failure = validator.reason().apply(token);
				}
			}
		}
		return new Outcome(OAuth2TokenValidatorResult.failure(errors), failure);
	}

	/**
	 * The checks' result.
	 *
	 * @param result the errors of every failed check
	 * @param failure the category of the first failed check; {@code null} if none failed
	 */
	record Outcome(OAuth2TokenValidatorResult result, @Nullable AuthFailure failure) {
	}

}
