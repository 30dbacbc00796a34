package dev.foundation.core.ratelimit.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.foundation.core.ratelimit.RateLimitDecision;
import dev.foundation.core.ratelimit.RateLimitKey;
import dev.foundation.core.ratelimit.RateLimitPolicy;
import dev.foundation.core.redis.FoundationRedis;
import dev.foundation.core.redis.RedisOutages;
import dev.foundation.test.TestRedis;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limiter on a real Redis: a key Redis refused is refused on this instance without
 * asking Redis again until its next token is due, and asked again after that.
 */
class Bucket4jRateLimiterIntegrationTests {

	private final RedisClient client = RedisClient.create(TestRedis.shared().url());

	private final FoundationRedis redis = new FoundationRedis(() -> this.client, Duration.ofSeconds(2),
			new RedisOutages(Duration.ofSeconds(1), (feature) -> {
			}, Clock.systemUTC()));

	private final String prefix = "foundation:test:" + UUID.randomUUID() + ":";

	private final RateLimitPolicy policy = RateLimitPolicy.parse("flood", "2/2s", 0, List.of(RateLimitKey.IP), false);

	@AfterEach
	void close() {
		this.client.shutdown();
	}

	@Test
	void aRefusedKeyIsRefusedLocallyUntilItsNextTokenIsDue() throws Exception {
		Bucket4jRateLimiter limiter = new Bucket4jRateLimiter(this.redis, this.prefix, 1_000);
		assertThat(limiter.tryConsume(this.policy, "10.0.0.1").allowed()).isTrue();
		assertThat(limiter.tryConsume(this.policy, "10.0.0.1").allowed()).isTrue();
		RateLimitDecision refused = limiter.tryConsume(this.policy, "10.0.0.1");
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.counted()).isTrue();

		// Were Redis asked now, it would admit: the bucket is gone.
		deleteBuckets();
		RateLimitDecision remembered = limiter.tryConsume(this.policy, "10.0.0.1");

		assertThat(remembered.allowed()).isFalse();
		assertThat(remembered.reset()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));
		assertThat(limiter.tryConsume(this.policy, "10.0.0.2").allowed()).as("another key").isTrue();

		Thread.sleep(remembered.reset().toMillis() + 50);
		assertThat(limiter.tryConsume(this.policy, "10.0.0.1").allowed()).as("after the refill").isTrue();
	}

	@Test
	void withNoRememberedRefusalsEveryRequestAsksRedis() {
		Bucket4jRateLimiter limiter = new Bucket4jRateLimiter(this.redis, this.prefix, 0);
		limiter.tryConsume(this.policy, "10.0.0.1");
		limiter.tryConsume(this.policy, "10.0.0.1");
		assertThat(limiter.tryConsume(this.policy, "10.0.0.1").allowed()).isFalse();

		deleteBuckets();

		assertThat(limiter.tryConsume(this.policy, "10.0.0.1").allowed()).isTrue();
	}

	private void deleteBuckets() {
		var connection = this.client.connect();
		try {
			List<String> keys = connection.sync().keys(this.prefix + "*");
			assertThat(keys).isNotEmpty();
			connection.sync().del(keys.toArray(String[]::new));
		}
		finally {
			connection.close();
		}
	}

}
