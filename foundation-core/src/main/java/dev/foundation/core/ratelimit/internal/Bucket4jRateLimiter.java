package dev.foundation.core.ratelimit.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.foundation.core.ratelimit.RateLimitDecision;
import dev.foundation.core.ratelimit.RateLimitPolicy;
import dev.foundation.core.ratelimit.RateLimiter;
import dev.foundation.core.redis.FoundationRedis;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import org.jspecify.annotations.Nullable;

/**
 * Counts with Bucket4j's Lettuce backend: each bucket is one Redis key, updated by
 * compare-and-swap, so every instance sees the same count. Keys expire once their bucket
 * would be full again, so idle callers leave nothing behind.
 * <p>
 * When Redis fails (or failed a moment ago) the request is not counted: it is let through
 * unless the policy fails closed, and the failure is recorded in the shared
 * {@link dev.foundation.core.redis.RedisOutages}.
 */
public final class Bucket4jRateLimiter implements RateLimiter {

	private static final String FEATURE = "rate-limit";

	private final FoundationRedis redis;

	private final String keyPrefix;

	private final Map<RateLimitPolicy, BucketConfiguration> configurations = new ConcurrentHashMap<>();

	private volatile @Nullable ProxyManager<String> buckets;

	/**
	 * Creates the limiter.
	 * @param redis the shared connection
	 * @param keyPrefix the prefix of every bucket's key, e.g.
	 * {@code foundation:rate-limit:}
	 */
	public Bucket4jRateLimiter(FoundationRedis redis, String keyPrefix) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
	}

	@Override
	public RateLimitDecision tryConsume(RateLimitPolicy policy, String key) {
		if (this.redis.outages().paused()) {
			return uncounted(policy);
		}
		try {
			ConsumptionProbe probe = buckets().builder()
				.build(this.keyPrefix + policy.name() + ":" + policy.signature() + ":" + key,
						() -> this.configurations.computeIfAbsent(policy, Bucket4jRateLimiter::configuration))
				.tryConsumeAndReturnRemaining(1);
			Duration reset = Duration
				.ofNanos(probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill());
			return new RateLimitDecision(policy, probe.isConsumed(), probe.getRemainingTokens(), reset, true);
		}
		catch (RuntimeException ex) {
			this.redis.outages().failed(FEATURE, ex);
			return uncounted(policy);
		}
	}

	private static RateLimitDecision uncounted(RateLimitPolicy policy) {
		return new RateLimitDecision(policy, !policy.failClosed(), 0, policy.period(), false);
	}

	private ProxyManager<String> buckets() {
		ProxyManager<String> current = this.buckets;
		if (current == null) {
			current = Bucket4jLettuce.casBasedBuilder(this.redis.connection())
				.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
				.requestTimeout(this.redis.commandTimeout())
				.build();
			this.buckets = current;
		}
		return current;
	}

	private static BucketConfiguration configuration(RateLimitPolicy policy) {
		return BucketConfiguration.builder()
			.addLimit(Bandwidth.builder()
				.capacity(policy.burst())
				.refillIntervally(policy.limit(), policy.period())
				.initialTokens(policy.burst())
				.build())
			.build();
	}

}
