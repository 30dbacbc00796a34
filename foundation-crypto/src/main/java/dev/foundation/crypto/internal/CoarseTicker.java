package dev.foundation.crypto.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The data-key cache's clock: {@link System#nanoTime()} as read by a daemon thread every
 * 50 ms. The cache reads its clock on every lookup, i.e. twice per encrypted field
 * written and read back, and {@code nanoTime} costs about 25 ns on virtual machines
 * without a usable TSC, a tenth of encrypting a small field; a 50 ms coarser expiry of
 * keys cached for minutes changes nothing.
 */
final class CoarseTicker implements Ticker {

	static final CoarseTicker INSTANCE = new CoarseTicker();

	private static final long PERIOD_MILLIS = 50;

	private volatile long now = System.nanoTime();

	private CoarseTicker() {
		ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor((work) -> {
			Thread thread = new Thread(work, "foundation-crypto-clock");
			thread.setDaemon(true);
			return thread;
		});
		clock.scheduleAtFixedRate(() -> this.now = System.nanoTime(), PERIOD_MILLIS, PERIOD_MILLIS,
				TimeUnit.MILLISECONDS);
	}

	@Override
	public long read() {
		return this.now;
	}

}
