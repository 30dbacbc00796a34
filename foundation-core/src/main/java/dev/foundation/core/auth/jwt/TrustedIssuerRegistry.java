package dev.foundation.core.auth.jwt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationManager;

/**
 * The issuers the application trusts, by their {@code iss}.
 */
public final class TrustedIssuerRegistry {

	private final List<TrustedIssuer> issuers;

	private final Map<String, AuthenticationManager> managers = new LinkedHashMap<>();

	private final AuthenticationManager routing;

	/**
	 * Creates the registry.
	 * @param issuers the trusted issuers, each with a distinct {@code iss}
	 */
	public TrustedIssuerRegistry(List<TrustedIssuer> issuers) {
		this.issuers = List.copyOf(issuers);
		this.issuers.forEach((issuer) -> this.managers.put(issuer.issuer(), issuer.authenticationManager()));
		this.routing = new IssuerRoutingAuthenticationManager(this.issuers);
	}

	/**
	 * Returns the authentication manager for bearer tokens of any trusted issuer: it
	 * parses the token once, picks the issuer by {@code iss} (an unknown issuer is
	 * rejected before any key is fetched) and hands the parsed token to that issuer's
	 * decoder.
	 * @return the manager
	 */
	public AuthenticationManager authenticationManager() {
		return this.routing;
	}

	/**
	 * Returns the trusted issuers.
	 * @return the issuers, in configuration order
	 */
	public List<TrustedIssuer> issuers() {
		return this.issuers;
	}

	/**
	 * Returns the authentication manager for tokens of an issuer.
	 * @param issuer the token's (unverified) {@code iss}
	 * @return the manager, or empty when the issuer is not trusted
	 */
	public Optional<AuthenticationManager> authenticationManager(String issuer) {
		return Optional.ofNullable(this.managers.get(issuer));
	}

}
