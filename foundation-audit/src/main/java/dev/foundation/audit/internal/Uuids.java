package dev.foundation.audit.internal;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered ids (RFC 9562 version 7: 48 bits of Unix milliseconds, then random bits),
 * so that an index on the id follows insertion order. The JDK makes only version 4.
 */
final class Uuids {

	// One DRBG per thread (seeded from the system once): the default NativePRNG
	// serializes every caller, whichever instance, on one global lock, which many threads
	// recording at once contend for.
	private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Uuids::generator);

	private Uuids() {
	}

	private static SecureRandom generator() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			return new SecureRandom();
		}
	}

	static UUID timeOrdered() {
		SecureRandom random = RANDOM.get();
		long millis = System.currentTimeMillis();
		long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low);
	}

}
