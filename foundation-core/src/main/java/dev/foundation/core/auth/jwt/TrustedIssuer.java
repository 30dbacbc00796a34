package dev.foundation.core.auth.jwt;

import dev.foundation.core.auth.AuthFailure;
import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.FoundationAuthentication;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * One issuer the application trusts: its expected {@code iss}, the decoder that checks
 * its tokens and how they map to the principal.
 *
 * @param name a name for logs, metrics and health (e.g. {@code supabase}, {@code clerk},
 * or the key under {@code foundation.auth.issuers})
 * @param provider the kind of provider
 * @param issuer the exact {@code iss} value of its tokens
 * @param decoder the decoder
 * @param mapper the principal mapper
 */
public record TrustedIssuer(String name, AuthProvider provider, String issuer, JwtDecoder decoder,
		PrincipalMapper mapper) {

	/**
	 * Returns an authentication manager for this issuer's bearer tokens.
	 * @return the manager
	 */
	public AuthenticationManager authenticationManager() {
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider(this.decoder);
		provider.setJwtAuthenticationConverter((jwt) -> {
			try {
				return new FoundationAuthentication(this.mapper.map(jwt), jwt);
			}
			catch (BadJwtException ex) {
				// JwtAuthenticationProvider translates only the decoder's exceptions;
				// anything else would be a 500.
				throw new RejectedTokenException(AuthFailure.BEARER_UNMAPPABLE, String.valueOf(ex.getMessage()), ex);
			}
		});
		return new ProviderManager(provider);
	}

}
