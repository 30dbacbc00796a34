package dev.foundation.core.auth.jwt;

import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A decoder that also accepts a token already parsed, so that routing a token to its
 * issuer (which must read {@code iss}) and checking it cost one parse, not two.
 */
interface ParsedJwtDecoder extends JwtDecoder {

	/**
	 * Verifies and validates a parsed token, exactly as {@link #decode(String)} would.
	 * @param token the compact token, kept as the {@link Jwt}'s value
	 * @param parsed the same token, parsed
	 * @return the validated token
	 * @throws JwtException if the token is not accepted
	 */
	Jwt decode(String token, SignedJWT parsed) throws JwtException;

}
