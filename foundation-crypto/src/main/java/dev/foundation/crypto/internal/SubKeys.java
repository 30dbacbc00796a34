package dev.foundation.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * HKDF-SHA-256 (RFC 5869) derivation of purpose-bound sub-keys from a data key, so that
 * no key ever serves two purposes. Each purpose has its own {@code info} label; the
 * labels are part of the documented format.
 */
final class SubKeys {

	static final String AES_GCM_INFO = "foundation-crypto/v1/aes-256-gcm";

	static final String BLIND_INDEX_INFO = "foundation-crypto/v1/blind-index";

	private SubKeys() {
	}

	static SecretKeySpec derive(byte[] inputKey, byte[] info, String algorithm) {
		HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
		hkdf.init(new HKDFParameters(inputKey, null, info));
		byte[] key = new byte[32];
		hkdf.generateBytes(key, 0, key.length);
		try {
			return new SecretKeySpec(key, algorithm);
		}
		finally {
			// SecretKeySpec keeps its own copy.
			Arrays.fill(key, (byte) 0);
		}
	}

	static byte[] info(String label) {
		return label.getBytes(StandardCharsets.US_ASCII);
	}

}
