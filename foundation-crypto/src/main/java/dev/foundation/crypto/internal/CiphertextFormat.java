package dev.foundation.crypto.internal;

import java.util.Base64;

import dev.foundation.crypto.MalformedCiphertextException;

/**
 * The versioned ciphertext format (documented byte by byte in {@code docs/crypto.md}):
 *
 * <pre>
 * offset  length  field
 * 0       1       format version, 0x01
 * 1       4       data key version, unsigned big-endian
 * 5       12      nonce
 * 17      n       AES-256-GCM ciphertext of the n-byte plaintext
 * 17+n    16      GCM tag
 * </pre>
 *
 * The associated data is the 5-byte header followed by the context's encoding, so the
 * version and the key id are authenticated too. The text form is {@code fe1.} followed by
 * the bytes in unpadded base64url.
 */
final class CiphertextFormat {

	static final byte VERSION = 0x01;

	static final int HEADER_LENGTH = 5;

	static final int OVERHEAD = HEADER_LENGTH + AesGcm.NONCE_LENGTH + AesGcm.TAG_LENGTH;

	static final String TEXT_PREFIX = "fe1.";

	private static final Base64.Encoder TEXT_ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder TEXT_DECODER = Base64.getUrlDecoder();

	private CiphertextFormat() {
	}

	static void writeHeader(byte[] out, int keyVersion) {
		out[0] = VERSION;
		out[1] = (byte) (keyVersion >>> 24);
		out[2] = (byte) (keyVersion >>> 16);
		out[3] = (byte) (keyVersion >>> 8);
		out[4] = (byte) keyVersion;
	}

	/**
	 * Checks the length and version and returns the key version.
	 * @param ciphertext the binary ciphertext
	 * @return the data key version it names
	 * @throws MalformedCiphertextException if it is too short or of another version
	 */
	static int keyVersion(byte[] ciphertext) {
		if (ciphertext.length < OVERHEAD || ciphertext[0] != VERSION) {
			throw new MalformedCiphertextException();
		}
		return ((ciphertext[1] & 0xFF) << 24) | ((ciphertext[2] & 0xFF) << 16) | ((ciphertext[3] & 0xFF) << 8)
				| (ciphertext[4] & 0xFF);
	}

	static String toText(byte[] ciphertext) {
		return TEXT_PREFIX + TEXT_ENCODER.encodeToString(ciphertext);
	}

	static byte[] fromText(String text) {
		if (!text.startsWith(TEXT_PREFIX)) {
			throw new MalformedCiphertextException();
		}
		try {
			return TEXT_DECODER.decode(text.substring(TEXT_PREFIX.length()));
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedCiphertextException();
		}
	}

}
