package dev.foundation.core.auth.jwt;

import java.util.function.Function;

import dev.foundation.core.auth.AuthFailure;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A claim check and the category of its failure (which may depend on the token, e.g.
 * expired or not yet valid).
 *
 * @param delegate the check
 * @param reason the category of a failure of the check
 */
record ReasonedValidator(OAuth2TokenValidator<Jwt> delegate,
		Function<Jwt, AuthFailure> reason) implements OAuth2TokenValidator<Jwt> {

	static ReasonedValidator of(AuthFailure failure, OAuth2TokenValidator<Jwt> delegate) {
		return new ReasonedValidator(delegate, (jwt) -> failure);
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		return this.delegate.validate(token);
	}

}
