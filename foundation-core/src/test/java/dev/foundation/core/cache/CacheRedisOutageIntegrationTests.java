package dev.foundation.core.cache;

import java.time.Duration;
import java.util.UUID;

import dev.foundation.core.cache.CacheTestApplication.Setting;
import dev.foundation.core.cache.CacheTestApplication.Settings;
import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.test.embedded.EmbeddedRedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis killed under two running instances (a {@code redis-server} this test starts on a
 * free port): lookups go on through the loader, bypasses are counted, a bump made
 * meanwhile reaches the other instance once Redis is back, and the cache works again
 * without a restart.
 */
class CacheRedisOutageIntegrationTests {

	private static EmbeddedRedisServer redis;

	private static ConfigurableApplicationContext a;

	private static ConfigurableApplicationContext b;

	@BeforeAll
	static void start() throws Exception {
		redis = EmbeddedRedisServer.start();
		String url = "redis://" + redis.host() + ":" + redis.port();
		String[] properties = { "foundation.redis.command-timeout=300ms", "foundation.redis.outage-pause=200ms",
				"foundation.cache.caches.settings.local.max-size=100",
				"foundation.cache.caches.settings.local.ttl=10m" };
		a = CacheTestApplication.start(url, properties);
		b = CacheTestApplication.start(url, properties);
	}

	@AfterAll
	static void stop() throws Exception {
		if (a != null) {
			a.close();
		}
		if (b != null) {
			b.close();
		}
		redis.close();
	}

	@Test
	void lookupsSucceedWhileRedisIsDownAndTheCacheRecoversWithoutRestart() throws Exception {
		String tenant = "tenant-" + UUID.randomUUID();
		Settings onA = a.getBean(Settings.class);
		Settings onB = b.getBean(Settings.class);
		onA.store("theme", "dark");
		onB.store("theme", "dark");
		assertThat(inTenant(tenant, () -> onA.find("theme")).value()).isEqualTo("dark");
		assertThat(inTenant(tenant, () -> onB.find("theme")).value()).isEqualTo("dark");

		redis.kill();
		try {
			// The change while Redis is down: its bump cannot reach Redis, so A neither
			// serves its local copy nor reads Redis for this tenant until it went
			// through.
			onA.store("theme", "light");
			onB.store("theme", "light");
			inTenant(tenant, () -> {
				onA.change("theme", "light");
				return null;
			});
			long started = System.nanoTime();
			for (int request = 0; request < 6; request++) {
				assertThat(inTenant(tenant, () -> onA.find("theme")).value()).isEqualTo("light");
				assertThat(inTenant("other-" + UUID.randomUUID(), () -> onA.find("theme")).value()).isEqualTo("light");
			}
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
			MeterRegistry meters = a.getBean(MeterRegistry.class);
			assertThat(meters.counter("foundation.cache.bypasses", "cache", "settings").count()).isPositive();
			assertThat(meters.counter("foundation.redis.failures", "feature", "cache").count()).isPositive();
			assertThat(a.getBean(dev.foundation.core.cache.internal.TieredCaches.class).hasPendingBumps()).isTrue();
		}
		finally {
			redis.restart();
		}

		// Once Redis is back, the pending bump goes through and B drops its local copy.
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			inTenant(tenant, () -> onA.find("theme"));
			assertThat(a.getBean(dev.foundation.core.cache.internal.TieredCaches.class).hasPendingBumps()).isFalse();
			assertThat(inTenant(tenant, () -> onB.find("theme")).value()).isEqualTo("light");
		});
		String fresh = "fresh-" + UUID.randomUUID();
		assertThat(inTenant(fresh, () -> onA.find("theme")).value()).isEqualTo("light");
		int loads = onB.loads();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(inTenant(fresh, () -> onB.find("theme")))
				.isEqualTo(new Setting("theme", "light")));
		assertThat(onB.loads() - loads).as("B reads A's entry from Redis again").isLessThanOrEqualTo(1);
	}

	private static <T> T inTenant(String tenant, java.util.function.Supplier<T> work) {
		try (RequestContexts.Scope scope = RequestContexts.bind(RequestContext.detached().withTenantId(tenant))) {
			return work.get();
		}
	}

}
