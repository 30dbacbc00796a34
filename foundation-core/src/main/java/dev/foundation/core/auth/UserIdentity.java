package dev.foundation.core.auth;

import java.util.Objects;

/**
 * Who a user is, unambiguously: the issuer that vouches for them and the subject it gave
 * them. A subject alone names nobody once two issuers are trusted (each chooses its
 * subjects, and one could choose the other's), so everything that stores or compares
 * users (memberships, provisioning, caches) uses both.
 *
 * @param issuer the issuer ({@code iss} of the user's tokens; {@code foundation-api-key}
 * for API keys)
 * @param subject the user's id at that issuer ({@code sub} unless configured otherwise)
 */
public record UserIdentity(String issuer, String subject) {

	public UserIdentity {
		Objects.requireNonNull(issuer, "issuer");
		Objects.requireNonNull(subject, "subject");
		if (issuer.isBlank() || subject.isBlank()) {
			throw new IllegalArgumentException("A user identity needs an issuer and a subject");
		}
	}

	@Override
	public String toString() {
		return this.subject + " (" + this.issuer + ")";
	}

}
