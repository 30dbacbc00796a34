package dev.foundation.tenancy.resolution.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.tenancy.TenantStatus;
import dev.foundation.tenancy.resolution.TenantCandidate;
import dev.foundation.test.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link RedisTenantCache} on a real Redis; each test uses its own key prefix and removes
 * its keys.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisTenantCacheIntegrationTests {

	private static final String ISSUER = "https://clerk.issuer.example";

	private static final UserIdentity USER_1 = new UserIdentity(ISSUER, "user-1");

	private static final UserIdentity MARKER = new UserIdentity(ISSUER, "marker");

	private static LettuceConnectionFactory connectionFactory;

	private static StringRedisTemplate redis;

	private final String prefix = "foundation-test:" + UUID.randomUUID() + ":";

	private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

	private final Tenant acme = new Tenant(UUID.randomUUID(), "acme-" + UUID.randomUUID().toString().substring(0, 8),
			"Acme | Söhne", TenantStatus.ACTIVE, Instant.now().truncatedTo(ChronoUnit.MICROS));

	@BeforeAll
	static void connect() {
		TestRedis server = TestRedis.shared();
		connectionFactory = factory(server.host(), server.port());
		redis = new StringRedisTemplate(connectionFactory);
	}

	@AfterAll
	static void disconnect() {
		connectionFactory.destroy();
	}

	@AfterEach
	void removeKeys() {
		Set<String> keys = keys();
		if (!keys.isEmpty()) {
			redis.delete(keys);
		}
	}

	@Test
	void tenantFoundInDirectoryIsServedFromRedisByIdSlugAndExternalId() {
		CountingDirectory<Tenant> directory = new CountingDirectory<>(Optional.of(this.acme));
		TenantCandidate byId = TenantCandidate.byId(this.acme.id());
		TenantCandidate bySlug = TenantCandidate.bySlug(this.acme.slug());
		TenantCandidate byOrganization = TenantCandidate.byExternalId(ISSUER, "org_" + UUID.randomUUID());
		RedisTenantCache writer = cache(true);
		for (TenantCandidate candidate : List.of(byId, bySlug, byOrganization)) {
			assertThat(writer.tenant(candidate, directory)).contains(this.acme);
		}
		assertThat(directory.calls).hasValue(3);

		RedisTenantCache otherInstance = cache(true);
		for (TenantCandidate candidate : List.of(byId, bySlug, byOrganization)) {
			assertThat(otherInstance.tenant(candidate, directory)).contains(this.acme);
		}

		assertThat(directory.calls).hasValue(3);
		assertThat(redis.getExpire(this.prefix + "tenant:" + this.acme.id())).isBetween(1L, 300L);
	}

	@Test
	void membershipFoundInDirectoryIsServedFromRedis() {
		UserIdentity user = new UserIdentity(ISSUER, "user|1");
		Membership membership = new Membership(this.acme.id(), user, TenantRole.ADMIN,
				Instant.now().truncatedTo(ChronoUnit.MICROS));
		CountingDirectory<Membership> directory = new CountingDirectory<>(Optional.of(membership));

		assertThat(cache(true).membership(this.acme.id(), user, directory)).contains(membership);
		assertThat(cache(true).membership(this.acme.id(), user, directory)).contains(membership);

		assertThat(directory.calls).hasValue(1);
	}

	@Test
	void absentTenantsAndMembershipsAreNotStored() {
		RedisTenantCache cache = cache(true);
		CountingDirectory<Tenant> noTenant = new CountingDirectory<>(Optional.empty());
		CountingDirectory<Membership> noMembership = new CountingDirectory<>(Optional.empty());

		for (int i = 0; i < 3; i++) {
			assertThat(cache.tenant(TenantCandidate.bySlug("random-" + i), noTenant)).isEmpty();
			assertThat(cache.tenant(TenantCandidate.byId(UUID.randomUUID()), noTenant)).isEmpty();
			assertThat(cache.membership(this.acme.id(), new UserIdentity(ISSUER, "user-" + i), noMembership)).isEmpty();
		}

		assertThat(noTenant.calls).hasValue(6);
		assertThat(noMembership.calls).hasValue(3);
		assertThat(keys()).isEmpty();
	}

	@Test
	void unreadableOrForeignEntriesAreMissesAndGetReplaced() {
		String key = this.prefix + "tenant:" + this.acme.id();
		Tenant other = new Tenant(UUID.randomUUID(), "other", "Other", TenantStatus.ACTIVE, Instant.now());
		List<String> entries = List.of("garbage", "", "t1|not-a-uuid|acme|ACTIVE|2024-01-01T00:00:00Z|Acme",
				"t1|" + this.acme.id() + "|acme|DELETED|2024-01-01T00:00:00Z|Acme",
				"t9|" + this.acme.id() + "|acme|ACTIVE|2024-01-01T00:00:00Z|Acme",
				"{\"id\":\"" + this.acme.id() + "\"}", RedisEntries.tenant(other));
		CountingDirectory<Tenant> directory = new CountingDirectory<>(Optional.of(this.acme));
		RedisTenantCache cache = cache(true);

		for (String entry : entries) {
			redis.opsForValue().set(key, entry);
			assertThat(cache.tenant(TenantCandidate.byId(this.acme.id()), directory)).contains(this.acme);
			assertThat(redis.opsForValue().get(key)).isEqualTo(RedisEntries.tenant(this.acme));
		}
		assertThat(directory.calls).hasValue(entries.size());

		String membershipKey = this.prefix + "membership:" + this.acme.id() + ":" + RedisEntries.identity(USER_1);
		redis.opsForValue()
			.set(membershipKey, "m1|" + this.acme.id() + "|GOD|2024-01-01T00:00:00Z|" + RedisEntries.identity(USER_1));
		CountingDirectory<Membership> memberships = new CountingDirectory<>(Optional.empty());
		assertThat(cache.membership(this.acme.id(), USER_1, memberships)).isEmpty();
		assertThat(memberships.calls).hasValue(1);
	}

	@Test
	void slugAliasOfATenantThatNoLongerHasTheSlugIsAMiss() {
		Tenant renamed = new Tenant(this.acme.id(), "renamed", this.acme.name(), TenantStatus.ACTIVE,
				this.acme.createdAt());
		redis.opsForValue().set(this.prefix + "tenant-slug:" + this.acme.slug(), this.acme.id().toString());
		redis.opsForValue().set(this.prefix + "tenant:" + this.acme.id(), RedisEntries.tenant(renamed));
		CountingDirectory<Tenant> directory = new CountingDirectory<>(Optional.empty());

		assertThat(cache(true).tenant(TenantCandidate.bySlug(this.acme.slug()), directory)).isEmpty();
		assertThat(directory.calls).hasValue(1);
	}

	@Test
	void invalidationDeletesTheEntryForEveryNameAndIsPublished() throws Exception {
		List<String> messages = new CopyOnWriteArrayList<>();
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		container.addMessageListener((message, pattern) -> messages.add(new String(message.getBody())),
				new ChannelTopic(RedisTenantCache.channel(this.prefix)));
		container.afterPropertiesSet();
		container.start();
		try {
			RedisTenantCache cache = cache(true);
			CountingDirectory<Tenant> directory = new CountingDirectory<>(Optional.of(this.acme));
			cache.tenant(TenantCandidate.bySlug(this.acme.slug()), directory);
			cache.membership(this.acme.id(), USER_1, new CountingDirectory<>(
					Optional.of(new Membership(this.acme.id(), USER_1, TenantRole.MEMBER, Instant.now()))));

			cache.invalidateTenant(this.acme.id());
			cache.invalidateMembership(this.acme.id(), USER_1);

			assertThat(redis.hasKey(this.prefix + "tenant:" + this.acme.id())).isFalse();
			assertThat(redis.hasKey(this.prefix + "membership:" + this.acme.id() + ":" + RedisEntries.identity(USER_1)))
				.isFalse();
			cache.tenant(TenantCandidate.bySlug(this.acme.slug()), directory);
			assertThat(directory.calls).hasValue(2);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(messages).containsExactly("tenant|" + this.acme.id(),
						"membership|" + this.acme.id() + "|" + RedisEntries.identity(USER_1)));
		}
		finally {
			container.destroy();
		}
	}

	@Test
	void valueReadBeforeAnInvalidationIsNotWrittenBack() {
		RedisTenantCache cache = cache(true);
		Tenant suspended = new Tenant(this.acme.id(), this.acme.slug(), this.acme.name(), TenantStatus.SUSPENDED,
				this.acme.createdAt());
		// The load read the active tenant, then the suspension committed and was
		// invalidated, then the load returns.
		Supplier<Optional<Tenant>> racingLoad = () -> {
			cache(true).invalidateTenant(this.acme.id());
			return Optional.of(this.acme);
		};

		assertThat(cache.tenant(TenantCandidate.byId(this.acme.id()), racingLoad)).contains(this.acme);

		assertThat(redis.hasKey(this.prefix + "tenant:" + this.acme.id())).isFalse();
		assertThat(cache.tenant(TenantCandidate.byId(this.acme.id()), () -> Optional.of(suspended)))
			.contains(suspended);
		assertThat(cache(true).tenant(TenantCandidate.byId(this.acme.id()), () -> Optional.of(this.acme)))
			.contains(suspended);
	}

	@Test
	void broadcastOffInvalidatesWithoutPublishing() throws Exception {
		List<String> messages = new CopyOnWriteArrayList<>();
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		container.addMessageListener((message, pattern) -> messages.add(new String(message.getBody())),
				new ChannelTopic(RedisTenantCache.channel(this.prefix)));
		container.afterPropertiesSet();
		container.start();
		try {
			RedisTenantCache cache = cache(false);
			cache.tenant(TenantCandidate.byId(this.acme.id()), () -> Optional.of(this.acme));

			cache.invalidateTenant(this.acme.id());
			cache(true).invalidateMembership(this.acme.id(), MARKER);

			assertThat(redis.hasKey(this.prefix + "tenant:" + this.acme.id())).isFalse();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(messages)
					.containsExactly("membership|" + this.acme.id() + "|" + RedisEntries.identity(MARKER)));
		}
		finally {
			container.destroy();
		}
	}

	@Test
	void redisDownFallsBackToTheDirectoryWarnsOnceAndCounts(CapturedOutput output) throws IOException {
		LettuceConnectionFactory down = factory("127.0.0.1", freePort());
		try {
			RedisTenantCache cache = new RedisTenantCache(new StringRedisTemplate(down), this.prefix,
					Duration.ofMinutes(5), true,
					(operation) -> this.failures.computeIfAbsent(operation, (key) -> new AtomicInteger())
						.incrementAndGet());
			CountingDirectory<Tenant> directory = new CountingDirectory<>(Optional.of(this.acme));

			for (int i = 0; i < 3; i++) {
				assertThat(cache.tenant(TenantCandidate.byId(this.acme.id()), directory)).contains(this.acme);
			}
			cache.invalidateTenant(this.acme.id());

			assertThat(directory.calls).hasValue(3);
			// The first failure pauses lookups; invalidations are tried anyway.
			assertThat(this.failures).containsOnlyKeys("read", "invalidate");
			assertThat(this.failures.get("read")).hasValue(1);
			assertThat(output.getOut().split("Redis tier of the tenant cache failed", -1)).hasSize(2);
		}
		finally {
			down.destroy();
		}
	}

	private RedisTenantCache cache(boolean broadcast) {
		return new RedisTenantCache(redis, this.prefix, Duration.ofMinutes(5), broadcast,
				(operation) -> this.failures.computeIfAbsent(operation, (key) -> new AtomicInteger())
					.incrementAndGet());
	}

	private Set<String> keys() {
		Set<String> keys = new java.util.HashSet<>();
		try (var cursor = redis.scan(ScanOptions.scanOptions().match(this.prefix + "*").count(1000).build())) {
			cursor.forEachRemaining(keys::add);
		}
		return keys;
	}

	private static LettuceConnectionFactory factory(String host, int port) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static final class CountingDirectory<T> implements Supplier<Optional<T>> {

		final AtomicInteger calls = new AtomicInteger();

		private final Optional<T> answer;

		CountingDirectory(Optional<T> answer) {
			this.answer = answer;
		}

		@Override
		public Optional<T> get() {
			this.calls.incrementAndGet();
			return this.answer;
		}

	}

}
