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

	/**
	 * Creates the registry.
	 * @param issuers the trusted issuers, each with a distinct {@code iss}
	 */
	public TrustedIssuerRegistry(List<TrustedIssuer> issuers) {
		this.issuers = List.copyOf(issuers);
		this.issuers.forEach((issuer) -> this.managers.put(issuer.issuer(), issuer.authenticationManager()));
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
