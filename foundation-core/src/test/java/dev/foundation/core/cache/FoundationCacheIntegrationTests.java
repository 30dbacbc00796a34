package dev.foundation.core.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import dev.foundation.core.cache.CacheTestApplication.Setting;
import dev.foundation.core.cache.CacheTestApplication.Settings;
import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.test.TestRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances (application contexts) sharing one Redis under a key prefix of their own,
 * each with an in-process tier that would keep entries for ten minutes.
 */
class FoundationCacheIntegrationTests {

	private static final String prefix = "foundation-test:" + UUID.randomUUID() + ":";

	private static ConfigurableApplicationContext a;

	private static ConfigurableApplicationContext b;

	@BeforeAll
	static void start() {
		String[] properties = { "foundation.cache.key-prefix=" + prefix,
				"foundation.cache.caches.settings.local.max-size=100",
				"foundation.cache.caches.settings.local.ttl=10m" };
		a = CacheTestApplication.start(TestRedis.shared().url(), properties);
		b = CacheTestApplication.start(TestRedis.shared().url(), properties);
	}

	@AfterAll
	static void stop() {
		if (a != null) {
			a.close();
		}
		if (b != null) {
			b.close();
		}
		try (var client = io.lettuce.core.RedisClient.create(TestRedis.shared().url());
				var connection = client.connect()) {
			var keys = connection.sync().keys(prefix + "*");
			if (!keys.isEmpty()) {
				connection.sync().del(keys.toArray(String[]::new));
			}
		}
	}

	@Test
	void namespaceBumpOnOneInstanceIsSeenByTheOther() {
		String tenant = "tenant-" + UUID.randomUUID();
		settings(a).store("theme", "dark");
		assertThat(inTenant(tenant, () -> settings(a).find("theme")).value()).isEqualTo("dark");
		int loadsOnB = settings(b).loads();
		assertThat(inTenant(tenant, () -> settings(b).find("theme")).value()).as("from Redis").isEqualTo("dark");
		assertThat(settings(b).loads()).as("B found A's entry in Redis").isEqualTo(loadsOnB);
		assertThat(inTenant(tenant, () -> settings(b).find("theme")).value()).as("from B's local tier")
			.isEqualTo("dark");

		// The "database" is shared: B's copy of the row changes too, as a shared table
		// would.
		settings(b).store("theme", "light");
		inTenant(tenant, () -> {
			settings(a).change("theme", "light");
			return null;
		});

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(
					() -> assertThat(inTenant(tenant, () -> settings(b).find("theme")).value()).isEqualTo("light"));
		assertThat(inTenant(tenant, () -> settings(a).find("theme")).value()).isEqualTo("light");
		MeterRegistry meters = a.getBean(MeterRegistry.class);
		assertThat(meters.counter("foundation.cache.bumps", "cache", "settings").count()).isPositive();
		assertThat(b.getBean(MeterRegistry.class)
			.counter("foundation.cache.gets", "cache", "settings", "tier", "redis", "result", "hit")
			.count()).isPositive();
	}

	@Test
	void tenantCannotReadAnotherTenantsEntries() {
		FoundationCache cacheOnA = a.getBean(FoundationCaches.class).cache("settings");
		FoundationCache cacheOnB = b.getBean(FoundationCaches.class).cache("settings");
		String tenantA = "a-" + UUID.randomUUID();
		String tenantB = "b-" + UUID.randomUUID();

		inTenant(tenantA, () -> {
			cacheOnA.put("plan", new Setting("plan", "gold"));
			return null;
		});
		inTenant(tenantB, () -> {
			cacheOnA.put("plan", new Setting("plan", "free"));
			return null;
		});

		assertThat(inTenant(tenantA, () -> cacheOnB.get("plan", Setting.class))).extracting(Setting::value)
			.isEqualTo("gold");
		assertThat(inTenant(tenantB, () -> cacheOnB.get("plan", Setting.class))).extracting(Setting::value)
			.isEqualTo("free");
		assertThat(cacheOnB.get("plan")).as("the global scope holds neither").isNull();
		assertThat(inTenant("c-" + UUID.randomUUID(), () -> cacheOnB.get("plan"))).isNull();

		// A bump of one tenant leaves the other's entries alone.
		cacheOnA.bump(CacheScope.tenant(tenantA));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(inTenant(tenantA, () -> cacheOnB.get("plan"))).isNull());
		assertThat(inTenant(tenantB, () -> cacheOnB.get("plan", Setting.class))).extracting(Setting::value)
			.isEqualTo("free");
	}

	@Test
	void valueLoadedWhileTheNamespaceWasBumpedIsNotServedAfterwards() {
		FoundationCache cache = a.getBean(FoundationCaches.class).cache("settings");
		CacheScope scope = CacheScope.tenant("race-" + UUID.randomUUID());

		Optional<Setting> racing = cache.get(scope, "limit", Setting.class, () -> {
			// The load read the old row; then the change committed and bumped the
			// namespace (here, from the other instance).
			b.getBean(CacheNamespaces.class).bump("settings", scope);
			return Optional.of(new Setting("limit", "old"));
		});

		assertThat(racing).map(Setting::value).contains("old");
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(
					cache.get(scope, "limit", Setting.class, () -> Optional.of(new Setting("limit", "new"))))
				.map(Setting::value)
				.contains("new"));
		assertThat(b.getBean(FoundationCaches.class)
			.cache("settings")
			.get(scope, "limit", Setting.class, () -> Optional.of(new Setting("limit", "loaded on b"))))
			.map(Setting::value)
			.contains("new");
	}

	@Test
	void emptyResultsAreNotKept() {
		FoundationCache cache = a.getBean(FoundationCaches.class).cache("settings");
		CacheScope scope = CacheScope.tenant("empty-" + UUID.randomUUID());
		assertThat(cache.get(scope, "nothing", Setting.class, Optional::empty)).isEmpty();
		assertThat(cache.get(scope, "nothing", Setting.class, () -> Optional.of(new Setting("nothing", "now"))))
			.map(Setting::value)
			.contains("now");
	}

	private static Settings settings(ConfigurableApplicationContext context) {
		return context.getBean(Settings.class);
	}

	private static <T> T inTenant(String tenant, java.util.function.Supplier<T> work) {
		try (RequestContexts.Scope scope = RequestContexts.bind(RequestContext.detached().withTenantId(tenant))) {
			return work.get();
		}
	}

}
