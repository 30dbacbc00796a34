package dev.foundation.crypto.internal;

import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import dev.foundation.crypto.DecryptionFailedException;

/**
 * AES-256-GCM through the JDK provider (AES-NI and CLMUL intrinsics), with a random
 * 96-bit nonce and a 128-bit tag: the only cipher this module uses.
 * <p>
 * The {@code Cipher} is kept per thread (creating one costs more than encrypting a small
 * field) and nonces come from a per-thread {@link NonceSource}. A random nonce is safe
 * for about 2^32 encryptions under one key (NIST SP 800-38D, 8.3); per-tenant data keys
 * and rotation keep every key far below.
 * <p>
 * The associated data is a prefix of the value's own bytes (its header, which the value
 * carries) followed by the caller's part, given as offsets rather than copies: this runs
 * for every encrypted field read or written.
 */
final class AesGcm {

	static final int NONCE_LENGTH = NonceSource.NONCE_LENGTH;

	static final int TAG_LENGTH = 16;

	private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(AesGcm::newCipher);

	private AesGcm() {
	}

	/**
	 * Encrypts into {@code out}: a fresh nonce at {@code offset}, then ciphertext and
	 * tag. The associated data is {@code out[0, offset)} (a header the caller wrote
	 * there) followed by {@code associatedData}.
	 * @param key the AES-256 key
	 * @param plaintext the plaintext
	 * @param associatedData the associated data after the header
	 * @param out the output, {@code offset + 12 + plaintext.length + 16} long
	 * @param offset where the nonce starts, the header's length
	 */
	static void encrypt(SecretKey key, byte[] plaintext, byte[] associatedData, byte[] out, int offset) {
		NonceSource.next(out, offset);
		try {
			Cipher cipher = CIPHERS.get();
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, out, offset, NONCE_LENGTH));
			if (offset > 0) {
				cipher.updateAAD(out, 0, offset);
			}
			cipher.updateAAD(associatedData);
			cipher.doFinal(plaintext, 0, plaintext.length, out, offset + NONCE_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			// Only a broken JDK gets here; the message says nothing about the key.
			throw new IllegalStateException("AES-GCM encryption failed: " + ex.getClass().getSimpleName());
		}
	}

	/**
	 * Decrypts {@code nonce || ciphertext || tag} found at {@code offset}; the associated
	 * data is {@code in[0, offset)} followed by {@code associatedData}.
	 * @param key the AES-256 key
	 * @param in the input
	 * @param offset where the nonce starts, the header's length
	 * @param associatedData the associated data after the header
	 * @return the plaintext
	 * @throws DecryptionFailedException if the tag does not verify
	 */
	static byte[] decrypt(SecretKey key, byte[] in, int offset, byte[] associatedData) {
		try {
			Cipher cipher = CIPHERS.get();
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, in, offset, NONCE_LENGTH));
			if (offset > 0) {
				cipher.updateAAD(in, 0, offset);
			}
			cipher.updateAAD(associatedData);
			int start = offset + NONCE_LENGTH;
			return cipher.doFinal(in, start, in.length - start);
		}
		catch (GeneralSecurityException ex) {
			// A tag that does not verify (AEADBadTagException) or input too short: never
			// say which, nor anything about the key.
			throw new DecryptionFailedException(null);
		}
	}

	private static Cipher newCipher() {
		try {
			return Cipher.getInstance("AES/GCM/NoPadding");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("This JDK offers no AES/GCM/NoPadding", ex);
		}
	}

}
