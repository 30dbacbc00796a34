package dev.foundation.core.auth.jwt;

import dev.foundation.core.auth.FoundationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a validated token of one issuer into the normalized principal.
 */
@FunctionalInterface
public interface PrincipalMapper {

	/**
	 * Maps the token.
	 * @param jwt a token whose signature and claims were validated
	 * @return the principal
	 * @throws org.springframework.security.oauth2.jwt.BadJwtException when a required
	 * claim (the user id) is missing
	 */
	FoundationPrincipal map(Jwt jwt);

}
