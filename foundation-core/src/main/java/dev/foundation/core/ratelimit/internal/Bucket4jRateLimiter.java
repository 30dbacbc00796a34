package dev.foundation.core.ratelimit.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * <p>
 * A flood stays on this instance: once Redis refused a key, the refusal is remembered
 * here until the moment Redis named for the bucket's next token, and the key's further
 * requests are refused without a Redis round trip. That is exact, not an approximation:
 * tokens come back only by refill, so no instance can take one for that key before then.
 * The memory is bounded (least recently used keys are dropped first).
 */
public final class Bucket4jRateLimiter implements RateLimiter {

	private static final String FEATURE = "rate-limit";

	private final FoundationRedis redis;

	private final String keyPrefix;

	private final Map<RateLimitPolicy, BucketConfiguration> configurations = new ConcurrentHashMap<>();

	/**
	 * Keys Redis refused, with the {@link System#nanoTime()} of their bucket's refill.
	 */
	private final @Nullable Cache<String, Long> refused;

	private volatile @Nullable ProxyManager<String> buckets;

	/**
	 * Creates the limiter.
	 * @param redis the shared connection
	 * @param keyPrefix the prefix of every bucket's key, e.g.
	 * {@code foundation:rate-limit:}
	 */
	public Bucket4jRateLimiter(FoundationRedis redis, String keyPrefix) {
		this(redis, keyPrefix, 100_000);
	}

	/**
	 * Creates the limiter.
	 * @param redis the shared connection
	 * @param keyPrefix the prefix of every bucket's key, e.g.
	 * {@code foundation:rate-limit:}
	 * @param refusedKeys how many refused keys this instance remembers at most, to refuse
	 * their further requests without asking Redis until their bucket refills (0 to always
	 * ask Redis)
	 */
	public Bucket4jRateLimiter(FoundationRedis redis, String keyPrefix, int refusedKeys) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		// Caffeine evicts asynchronously: a size of 0 would still remember for a moment.
		this.refused = (refusedKeys > 0) ? Caffeine.newBuilder().maximumSize(refusedKeys).build() : null;
	}

	@Override
	public RateLimitDecision tryConsume(RateLimitPolicy policy, String key) {
		String bucket = this.keyPrefix + policy.name() + ":" + policy.signature() + ":" + key;
		Cache<String, Long> remembered = this.refused;
		Long refillAt = (remembered != null) ? remembered.getIfPresent(bucket) : null;
		if (remembered != null && refillAt != null) {
			long wait = refillAt - System.nanoTime();
			if (wait > 0) {
				return new RateLimitDecision(policy, false, 0, Duration.ofNanos(wait), true);
			}
			remembered.invalidate(bucket);
		}
		if (this.redis.outages().paused()) {
			return uncounted(policy);
		}
		try {
			ConsumptionProbe probe = buckets().builder()
				.build(bucket, () -> this.configurations.computeIfAbsent(policy, Bucket4jRateLimiter::configuration))
				.tryConsumeAndReturnRemaining(1);
			if (!probe.isConsumed() && remembered != null) {
				remembered.put(bucket, System.nanoTime() + probe.getNanosToWaitForRefill());
			}
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
