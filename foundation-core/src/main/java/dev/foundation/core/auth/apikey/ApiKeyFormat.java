package dev.foundation.core.auth.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * The shape of a foundation API key: {@code fdn_<prefix>_<secret>}, where the prefix is 8
 * random lowercase base32 characters (the key's public, searchable part) and the secret
 * is 32 random bytes (256 bits) in unpadded base64url.
 * <p>
 * Every key has exactly {@value #LENGTH} characters. The {@code fdn_} marker lets secret
 * scanners recognise a leaked key, as GitHub's {@code ghp_} does.
 */
final class ApiKeyFormat {

	static final String MARKER = "fdn_";

	static final int PREFIX_LENGTH = 8;

	static final int SECRET_BYTES = 32;

	/** Unpadded base64url of {@value #SECRET_BYTES} bytes. */
	static final int SECRET_LENGTH = 43;

	static final int LENGTH = MARKER.length() + PREFIX_LENGTH + 1 + SECRET_LENGTH;

	private static final String PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

	private static final int SECRET_START = MARKER.length() + PREFIX_LENGTH + 1;

	private ApiKeyFormat() {
	}

	/**
	 * Generates a new key.
	 * @param random the source of randomness
	 * @return the plaintext key
	 */
	static String generate(SecureRandom random) {
		StringBuilder key = new StringBuilder(LENGTH).append(MARKER);
		for (int i = 0; i < PREFIX_LENGTH; i++) {
			key.append(PREFIX_ALPHABET.charAt(random.nextInt(PREFIX_ALPHABET.length())));
		}
		byte[] secret = new byte[SECRET_BYTES];
		random.nextBytes(secret);
		return key.append('_').append(Base64.getUrlEncoder().withoutPadding().encodeToString(secret)).toString();
	}

	/**
	 * Returns the prefix of a well-formed key, checking its whole shape first so that
	 * nothing malformed (wrong length, foreign characters, SQL) ever reaches the
	 * database.
	 * @param presented the presented key
	 * @return the prefix, or {@code null} if the key is malformed
	 */
	static @Nullable String prefixOf(@Nullable String presented) {
		if (presented == null || presented.length() != LENGTH || !presented.startsWith(MARKER)
				|| presented.charAt(SECRET_START - 1) != '_') {
			return null;
		}
		for (int i = MARKER.length(); i < SECRET_START - 1; i++) {
			if (PREFIX_ALPHABET.indexOf(presented.charAt(i)) < 0) {
				return null;
			}
		}
		for (int i = SECRET_START; i < LENGTH; i++) {
			if (!isBase64Url(presented.charAt(i))) {
				return null;
			}
		}
		return presented.substring(MARKER.length(), SECRET_START - 1);
	}

	/**
	 * Hashes a key for storage and comparison.
	 * <p>
	 * A fast hash is the right tool here, not bcrypt or Argon2: those slow down guessing
	 * of low-entropy passwords, whereas a key carries 256 random bits that no number of
	 * guesses can cover. A slow hash would only cost CPU on every request (and invite
	 * denial of service) without making a stolen hash any easier to keep safe.
	 * @param key the full plaintext key
	 * @return its SHA-256 digest
	 */
	static byte[] hash(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	private static boolean isBase64Url(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
	}

}
