package dev.foundation.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Random 96-bit GCM nonces, fast: each thread reads them from its own AES-256-CTR key
 * stream, under a key and initial counter drawn from the operating system's
 * {@link SecureRandom}, in buffers of 340 nonces, and draws a fresh key every 2^24
 * nonces.
 * <p>
 * Why not a {@code SecureRandom} per call: the JDK's {@code DRBG} (Hash_DRBG) spends
 * several SHA-256 computations and a lock on every call and {@code NativePRNG} reads
 * {@code /dev/urandom} under a global lock; either costs more than encrypting a small
 * field. The key stream of a random key is indistinguishable from random bytes (it is
 * NIST SP 800-90A's CTR_DRBG without the per-call update, whose only purpose is to keep
 * <em>earlier</em> output secret if the state leaks; nonces are public anyway), so nonces
 * drawn from it are as unlikely to repeat as truly random ones. Within one stream the
 * counter blocks never repeat, every nonce is taken from fresh bytes and a buffer is
 * never read twice; streams of different threads have independent keys.
 */
final class NonceSource {

	static final int NONCE_LENGTH = 12;

	// A multiple of both 12 (no byte of the key stream is left over) and 16 (whole AES
	// blocks).
	private static final int BUFFER_LENGTH = 4080;

	private static final int NONCES_PER_BUFFER = BUFFER_LENGTH / NONCE_LENGTH;

	private static final long BUFFERS_PER_KEY = (1L << 24) / NONCES_PER_BUFFER;

	private static final SecureRandom SEEDS = new SecureRandom();

	// Only ever read: the key stream is the encryption of zeros.
	private static final byte[] ZEROS = new byte[BUFFER_LENGTH];

	private static final ThreadLocal<NonceSource> SOURCES = ThreadLocal.withInitial(NonceSource::new);

	private final Cipher keyStream;

	private final byte[] buffer = new byte[BUFFER_LENGTH];

	private int position = BUFFER_LENGTH;

	private long buffersLeft;

	private NonceSource() {
		try {
			this.keyStream = Cipher.getInstance("AES/CTR/NoPadding");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("This JDK offers no AES/CTR/NoPadding", ex);
		}
	}

	/**
	 * Writes a fresh nonce of the current thread's stream.
	 * @param out where to write it
	 * @param offset where it starts
	 */
	static void next(byte[] out, int offset) {
		SOURCES.get().write(out, offset);
	}

	private void write(byte[] out, int offset) {
		if (this.position == BUFFER_LENGTH) {
			refill();
		}
		System.arraycopy(this.buffer, this.position, out, offset, NONCE_LENGTH);
		this.position += NONCE_LENGTH;
	}

	private void refill() {
		try {
			if (this.buffersLeft == 0) {
				rekey();
			}
			int written = this.keyStream.update(ZEROS, 0, BUFFER_LENGTH, this.buffer, 0);
			if (written != BUFFER_LENGTH) {
				throw new IllegalStateException("AES-CTR returned " + written + " bytes of key stream");
			}
			this.buffersLeft--;
			this.position = 0;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not draw nonces: " + ex.getClass().getSimpleName());
		}
	}

	private void rekey() throws GeneralSecurityException {
		byte[] key = new byte[32];
		byte[] counter = new byte[16];
		SEEDS.nextBytes(key);
		SEEDS.nextBytes(counter);
		try {
			this.keyStream.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
		}
		finally {
			Arrays.fill(key, (byte) 0);
		}
		this.buffersLeft = BUFFERS_PER_KEY;
	}

	@Override
	public String toString() {
		return "NonceSource[AES-256-CTR key stream per thread]";
	}

}
