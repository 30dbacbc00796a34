package dev.foundation.audit.internal;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered ids (RFC 9562 version 7: 48 bits of Unix milliseconds, then random bits),
 * so that an index on the id follows insertion order. The JDK makes only version 4.
 */
final class Uuids {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Uuids() {
	}

	static UUID timeOrdered() {
		long millis = System.currentTimeMillis();
		long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
		long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low);
	}

}
