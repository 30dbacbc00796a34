package dev.foundation.crypto.internal;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-thread nonce streams: across many buffer refills and several threads, no nonce
 * repeats and the bytes are not trivially patterned.
 */
class NonceSourceTests {

	@Test
	void noNonceRepeatsAcrossRefillsAndThreads() throws Exception {
		Set<ByteBuffer> seen = ConcurrentHashMap.newKeySet();
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			Future<?>[] work = new Future<?>[4];
			for (int t = 0; t < work.length; t++) {
				work[t] = threads.submit(() -> {
					for (int i = 0; i < 50_000; i++) {
						byte[] nonce = new byte[NonceSource.NONCE_LENGTH];
						NonceSource.next(nonce, 0);
						assertThat(seen.add(ByteBuffer.wrap(nonce))).isTrue();
					}
				});
			}
			for (Future<?> future : work) {
				future.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(seen).hasSize(200_000);
	}

	@Test
	void writesAtTheOffsetOnly() {
		byte[] out = new byte[5 + NonceSource.NONCE_LENGTH + 3];
		NonceSource.next(out, 5);
		assertThat(out).startsWith(0, 0, 0, 0, 0).endsWith(0, 0, 0);
		Set<Byte> distinct = new HashSet<>();
		for (int i = 5; i < 5 + NonceSource.NONCE_LENGTH; i++) {
			distinct.add(out[i]);
		}
		// Twelve random bytes with fewer than four distinct values: about 1 in 10^17.
		assertThat(distinct).hasSizeGreaterThan(3);
	}

}
