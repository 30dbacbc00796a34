package dev.foundation.core.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bookkeeping of Redis failures: each is counted, a {@code WARN} is logged at most once a
 * minute, and callers skip Redis for a short pause afterwards, so that an outage costs
 * one command timeout per pause rather than one per request.
 */
public final class RedisOutages {

	private static final Logger logger = LoggerFactory.getLogger(RedisOutages.class);

	private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

	private final Duration pause;

	private final Consumer<String> counter;

	private final Clock clock;

	private volatile @Nullable Instant lastLogged;

	private volatile Instant pausedUntil = Instant.MIN;

	/**
	 * Creates the bookkeeping.
	 * @param pause how long Redis is skipped after a failure
	 * @param counter counts a failure of the named feature (a metric)
	 * @param clock the clock
	 */
	public RedisOutages(Duration pause, Consumer<String> counter, Clock clock) {
		this.pause = pause;
		this.counter = counter;
		this.clock = clock;
	}

	/**
	 * Whether Redis should be skipped now because it failed a moment ago.
	 * @return {@code true} during the pause after a failure
	 */
	public boolean paused() {
		return this.clock.instant().isBefore(this.pausedUntil);
	}

	/**
	 * Records a failure.
	 * @param feature the feature whose command failed, e.g. {@code rate-limit}; a metric
	 * tag, so a constant
	 * @param ex the failure
	 */
	public void failed(String feature, Throwable ex) {
		Instant now = this.clock.instant();
		this.pausedUntil = now.plus(this.pause);
		this.counter.accept(feature);
		Instant last = this.lastLogged;
		if (last == null || !now.isBefore(last.plus(LOG_INTERVAL))) {
			this.lastLogged = now;
			logger.warn("Redis failed for {}, going on without it (logged at most once a minute): {}", feature,
					ex.toString());
		}
		else {
			logger.debug("Redis failed for {}", feature, ex);
		}
	}

}
