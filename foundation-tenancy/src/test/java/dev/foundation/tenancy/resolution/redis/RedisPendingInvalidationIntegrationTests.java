package dev.foundation.tenancy.resolution.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.test.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An invalidation that Redis does not take (a network blip while a member is revoked)
 * must not leave the revoked membership served from Redis for the entry's lifetime: the
 * instance stops reading Redis and retries until Redis takes it. Redis is real; only the
 * invalidation script's calls fail while {@link #failing} is set.
 */
class RedisPendingInvalidationIntegrationTests {

	private static LettuceConnectionFactory connectionFactory;

	private final String prefix = "foundation-test:" + UUID.randomUUID() + ":";

	private final AtomicBoolean failing = new AtomicBoolean();

	private StringRedisTemplate redis;

	@BeforeAll
	static void connect() {
		TestRedis server = TestRedis.shared();
		connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(server.host(), server.port()));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
	}

	@AfterAll
	static void disconnect() {
		connectionFactory.destroy();
	}

	@AfterEach
	void removeKeys() {
		Set<String> keys = this.redis.keys(this.prefix + "*");
		if (keys != null && !keys.isEmpty()) {
			this.redis.delete(keys);
		}
	}

	@Test
	void revokedMemberIsNotServedFromRedisWhileItsInvalidationIsPending() throws Exception {
		this.redis = new FlakyScripts(connectionFactory, this.failing);
		RedisTenantCache cache = new RedisTenantCache(this.redis, this.prefix, Duration.ofMinutes(5), false,
				(operation) -> {
				});
		UUID tenant = UUID.randomUUID();
		UserIdentity alice = new UserIdentity("https://issuer.example", "alice");
		Membership admin = new Membership(tenant, alice, TenantRole.ADMIN, Instant.now());
		assertThat(cache.membership(tenant, alice, () -> Optional.of(admin))).contains(admin);
		// Served from Redis now, whatever the database says.
		assertThat(cache.membership(tenant, alice, Optional::empty)).contains(admin);

		this.failing.set(true);
		cache.invalidateMembership(tenant, alice);
		assertThat(cache.hasPendingInvalidations()).isTrue();
		// Redis still holds the entry, but this instance no longer trusts it: the
		// database's answer counts.
		assertThat(this.redis.keys(this.prefix + "membership:*")).hasSize(1);
		assertThat(cache.membership(tenant, alice, Optional::empty)).isEmpty();

		// Past the retry interval (1 s) and the pause every Redis failure starts (2 s).
		this.failing.set(false);
		Thread.sleep(2_100);
		assertThat(cache.membership(tenant, alice, Optional::empty)).isEmpty();
		assertThat(cache.hasPendingInvalidations()).isFalse();
		assertThat(this.redis.keys(this.prefix + "membership:*")).isEmpty();
		// And Redis is used again.
		assertThat(cache.membership(tenant, alice, () -> Optional.of(admin))).contains(admin);
		assertThat(this.redis.keys(this.prefix + "membership:*")).hasSize(1);
	}

	/**
	 * A template whose scripts fail while told to, as they would with Redis out of reach.
	 */
	private static final class FlakyScripts extends StringRedisTemplate {

		private final AtomicBoolean failing;

		FlakyScripts(LettuceConnectionFactory connectionFactory, AtomicBoolean failing) {
			super(connectionFactory);
			this.failing = failing;
		}

		@Override
		public <T> T execute(RedisScript<T> script, List<String> keys, Object... args) {
			if (this.failing.get()) {
				throw new RedisConnectionFailureException("Unable to connect to Redis");
			}
			return super.execute(script, keys, args);
		}

	}

}
