package dev.foundation.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import dev.foundation.crypto.DecryptionFailedException;

/**
 * AES-256-GCM through the JDK provider (AES-NI and CLMUL intrinsics), with a random
 * 96-bit nonce and a 128-bit tag: the only cipher this module uses.
 * <p>
 * {@code Cipher} and {@code SecureRandom} are kept per thread: creating a {@code Cipher}
 * costs more than encrypting a small field, and one shared {@code SecureRandom} would be
 * a point of contention. A random nonce is safe for about 2^32 encryptions under one key
 * (NIST SP 800-38D, 8.3); per-tenant data keys and rotation keep every key far below.
 */
final class AesGcm {

	static final int NONCE_LENGTH = 12;

	static final int TAG_LENGTH = 16;

	private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(AesGcm::newCipher);

	// A DRBG per thread (NIST SP 800-90A Hash_DRBG, seeded by the OS): the default
	// NativePRNG reads /dev/urandom
	// under a global lock on most calls, which cost more than the encryption of a small
	// field.
	private static final ThreadLocal<SecureRandom> RANDOMS = ThreadLocal.withInitial(AesGcm::newRandom);

	private AesGcm() {
	}

	/**
	 * Encrypts into {@code out}: a fresh nonce at {@code offset}, then ciphertext and
	 * tag.
	 * @param key the AES-256 key
	 * @param plaintext the plaintext
	 * @param associatedData the parts of the associated data, in order
	 * @param out the output, {@code offset + 12 + plaintext.length + 16} long
	 * @param offset where the nonce starts
	 */
	static void encrypt(SecretKey key, byte[] plaintext, byte[][] associatedData, byte[] out, int offset) {
		byte[] nonce = new byte[NONCE_LENGTH];
		RANDOMS.get().nextBytes(nonce);
		System.arraycopy(nonce, 0, out, offset, NONCE_LENGTH);
		try {
			Cipher cipher = CIPHERS.get();
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, out, offset, NONCE_LENGTH));
			for (byte[] part : associatedData) {
				cipher.updateAAD(part);
			}
			cipher.doFinal(plaintext, 0, plaintext.length, out, offset + NONCE_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			// Only a broken JDK gets here; the message says nothing about the key.
			throw new IllegalStateException("AES-GCM encryption failed: " + ex.getClass().getSimpleName());
		}
	}

	/**
	 * Decrypts {@code nonce || ciphertext || tag} found at {@code offset}.
	 * @param key the AES-256 key
	 * @param in the input
	 * @param offset where the nonce starts
	 * @param associatedData the parts of the associated data, in order
	 * @return the plaintext
	 * @throws DecryptionFailedException if the tag does not verify
	 */
	static byte[] decrypt(SecretKey key, byte[] in, int offset, byte[][] associatedData) {
		try {
			Cipher cipher = CIPHERS.get();
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, in, offset, NONCE_LENGTH));
			for (byte[] part : associatedData) {
				cipher.updateAAD(part);
			}
			int start = offset + NONCE_LENGTH;
			return cipher.doFinal(in, start, in.length - start);
		}
		catch (AEADBadTagException ex) {
			throw new DecryptionFailedException(null);
		}
		catch (GeneralSecurityException ex) {
			throw new DecryptionFailedException(null);
		}
	}

	private static SecureRandom newRandom() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (GeneralSecurityException ex) {
			return new SecureRandom();
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
