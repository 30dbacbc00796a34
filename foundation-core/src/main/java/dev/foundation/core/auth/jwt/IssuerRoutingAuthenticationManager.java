package dev.foundation.core.auth.jwt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.foundation.core.auth.AuthFailure;
import dev.foundation.core.auth.FoundationAuthentication;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates a bearer token with the trusted issuer its {@code iss} names, parsing the
 * token once.
 * <p>
 * Spring Security's {@code JwtIssuerAuthenticationManagerResolver} parses the token to
 * read {@code iss} and the issuer's decoder parses it again, which cost about as much as
 * all the claim checks and mapping together. Here the parsed token is handed on. A token
 * naming no trusted issuer is rejected before anything is fetched: its header cannot make
 * the application contact a key set (a flood of tokens with random {@code kid}s or
 * issuers costs one parse each).
 */
final class IssuerRoutingAuthenticationManager implements AuthenticationManager {

	private final Map<String, TrustedIssuer> issuers = new LinkedHashMap<>();

	IssuerRoutingAuthenticationManager(List<TrustedIssuer> issuers) {
		issuers.forEach((issuer) -> this.issuers.put(issuer.issuer(), issuer));
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
			throw new ProviderNotFoundException("Only bearer tokens are authenticated here");
		}
		String token = bearer.getToken();
		SignedJWT parsed = parse(token);
		TrustedIssuer issuer = this.issuers.get(issuerOf(parsed));
		if (issuer == null) {
			throw new RejectedTokenException(AuthFailure.BEARER_UNTRUSTED_ISSUER, "Invalid issuer");
		}
		Jwt jwt = decode(issuer, token, parsed);
		FoundationAuthentication result;
		try {
			result = new FoundationAuthentication(issuer.mapper().map(jwt), jwt);
		}
		catch (BadJwtException ex) {
			throw new RejectedTokenException(AuthFailure.BEARER_UNMAPPABLE, String.valueOf(ex.getMessage()), ex);
		}
		if (result.getDetails() == null) {
			result.setDetails(bearer.getDetails());
		}
		return result;
	}

	private static SignedJWT parse(String token) {
		JWT parsed;
		try {
			parsed = JWTParser.parse(token);
		}
		catch (Exception ex) {
			throw new RejectedTokenException(AuthFailure.BEARER_MALFORMED, String.valueOf(ex.getMessage()), ex);
		}
		if (!(parsed instanceof SignedJWT signed)) {
			// Unsigned (alg none) or encrypted: no trusted issuer accepts either.
			throw new RejectedTokenException(AuthFailure.BEARER_UNSUPPORTED_ALGORITHM,
					"Unsupported algorithm of " + parsed.getHeader().getAlgorithm());
		}
		return signed;
	}

	private static @Nullable String issuerOf(SignedJWT parsed) {
		String issuer;
		try {
			issuer = parsed.getJWTClaimsSet().getIssuer();
		}
		catch (Exception ex) {
			throw new RejectedTokenException(AuthFailure.BEARER_MALFORMED, String.valueOf(ex.getMessage()), ex);
		}
		if (issuer == null) {
			throw new RejectedTokenException(AuthFailure.BEARER_UNTRUSTED_ISSUER, "Missing issuer");
		}
		return issuer;
	}

	private static Jwt decode(TrustedIssuer issuer, String token, SignedJWT parsed) {
		try {
			return (issuer.decoder() instanceof ParsedJwtDecoder decoder) ? decoder.decode(token, parsed)
					: issuer.decoder().decode(token);
		}
		catch (BadJwtException ex) {
			throw new RejectedTokenException(RejectedJwtValidationException.failureOf(ex),
					String.valueOf(ex.getMessage()), ex);
		}
		catch (JwtException ex) {
			throw new AuthenticationServiceException(ex.getMessage(), ex);
		}
	}

}
