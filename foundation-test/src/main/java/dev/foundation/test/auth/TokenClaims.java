package dev.foundation.test.auth;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import org.jspecify.annotations.Nullable;

/**
 * What the token builders share: the clock, overrides, random identifiers and the
 * conversion to Nimbus claims.
 */
final class TokenClaims {

	private static final String ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	// Clerk ids are 27 base62 characters after their prefix (user_, sess_, org_).
	private static final int ID_LENGTH = 27;

	private static final SecureRandom RANDOM = new SecureRandom();

	private TokenClaims() {
	}

	/**
	 * Now, to the second: JWT times are whole seconds, so claims read back from a token
	 * equal the ones built.
	 */
	static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.SECONDS);
	}

	static String randomId(String prefix) {
		StringBuilder id = new StringBuilder(prefix);
		for (int i = 0; i < ID_LENGTH; i++) {
			id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
		}
		return id.toString();
	}

	/**
	 * Applies overrides in order (a {@code null} value removes the claim) and converts to
	 * Nimbus claims, writing {@link Instant} values as NumericDate seconds.
	 */
	static JWTClaimsSet build(Map<String, Object> claims, Map<String, @Nullable Object> overrides) {
		Map<String, @Nullable Object> merged = new LinkedHashMap<>(claims);
		merged.putAll(overrides);
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
		merged.forEach((name, value) -> {
			if (value != null) {
				builder.claim(name, (value instanceof Instant instant) ? Date.from(instant) : value);
			}
		});
		return builder.build();
	}

}
