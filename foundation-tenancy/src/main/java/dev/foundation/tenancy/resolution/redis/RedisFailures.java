package dev.foundation.tenancy.resolution.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when Redis fails: the request goes on without it, a {@code WARN} is logged
 * at most once a minute, the failure is counted, and lookups skip Redis for a moment, so
 * that an outage costs one slow command per pause rather than one per request.
 */
final class RedisFailures {

	private static final Logger logger = LoggerFactory.getLogger(RedisTenantCache.class);

	private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

	private static final Duration PAUSE = Duration.ofSeconds(2);

	private final Consumer<String> counter;

	private final Clock clock;

	private volatile @Nullable Instant lastLogged;

	private volatile Instant pausedUntil = Instant.MIN;

	RedisFailures(Consumer<String> counter, Clock clock) {
		this.counter = counter;
		this.clock = clock;
	}

	/**
	 * Whether lookups and writes of found values should skip Redis now; invalidations
	 * never do.
	 */
	boolean paused() {
		return this.clock.instant().isBefore(this.pausedUntil);
	}

	void failed(String operation, RuntimeException ex) {
		Instant now = this.clock.instant();
		this.pausedUntil = now.plus(PAUSE);
		this.counter.accept(operation);
		Instant last = this.lastLogged;
		if (last == null || !now.isBefore(last.plus(LOG_INTERVAL))) {
			this.lastLogged = now;
			logger.warn("Redis tier of the tenant cache failed ({}), using the database meanwhile: {}", operation,
					ex.toString());
		}
		else {
			logger.debug("Redis tier of the tenant cache failed ({})", operation, ex);
		}
	}

}
