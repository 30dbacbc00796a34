package dev.foundation.core.auth.jwt;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Checks and reads the key material an issuer is configured with. Failures are
 * {@link IllegalArgumentException}s whose message says what is wrong (never the material
 * itself), for the caller to attach to the setting it came from.
 */
public final class KeyMaterial {

	/** HS256 needs a key at least as long as its output (RFC 7518, section 3.2). */
	static final int MIN_SECRET_BYTES = 32;

	private KeyMaterial() {
	}

	/**
	 * Returns a shared HMAC secret's bytes, refusing secrets shorter than 256 bits.
	 * @param secret the secret, as configured
	 * @return its UTF-8 bytes
	 * @throws IllegalArgumentException if it is too short
	 */
	public static byte[] hmacSecret(String secret) {
		byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
		requireLongEnough(bytes);
		return bytes;
	}

	static void requireLongEnough(byte[] secret) {
		if (secret.length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException(
					"the secret is " + (secret.length * 8) + " bits long; HS256 needs at least 256 bits");
		}
	}

	/**
	 * Reads an RSA or EC public key from PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509
	 * SubjectPublicKeyInfo).
	 * @param pem the PEM file's content
	 * @return the key
	 * @throws IllegalArgumentException if it is no such key
	 */
	public static PublicKey publicKeyFromPem(byte[] pem) {
		String base64 = new String(pem, StandardCharsets.US_ASCII).replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "")
			.replaceAll("\\s", "");
		X509EncodedKeySpec spec;
		try {
			spec = new X509EncodedKeySpec(Base64.getDecoder().decode(base64));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("the key cannot be read (" + ex.getMessage() + ")", ex);
		}
		for (String algorithm : List.of("RSA", "EC")) {
			try {
				return KeyFactory.getInstance(algorithm).generatePublic(spec);
			}
			catch (Exception ex) {
				// try the next key type
			}
		}
		throw new IllegalArgumentException("the key is neither an RSA nor an EC public key");
	}

}
