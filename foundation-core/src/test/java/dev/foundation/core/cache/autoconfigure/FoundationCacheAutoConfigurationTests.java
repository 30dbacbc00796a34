package dev.foundation.core.cache.autoconfigure;

import dev.foundation.core.cache.CacheNamespaces;
import dev.foundation.core.cache.CacheValueCodec;
import dev.foundation.core.cache.FoundationCaches;
import dev.foundation.core.config.InvalidFoundationPropertyException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and properties of {@link FoundationCacheAutoConfiguration}.
 */
class FoundationCacheAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FoundationCacheAutoConfiguration.class));

	@Test
	void withoutRedisProvidesInProcessCachesAndTheCacheManager() {
		this.contextRunner.withPropertyValues("foundation.cache.caches.settings.local.max-size=10").run((context) -> {
			assertThat(context).hasSingleBean(FoundationCaches.class)
				.hasSingleBean(CacheNamespaces.class)
				.hasSingleBean(CacheManager.class)
				.hasSingleBean(CacheValueCodec.class);
			assertThat(context.getBean(CacheManager.class).getCacheNames()).containsExactly("settings");
		});
	}

	@Test
	void disabledSwitchLeavesTheCacheManagerToTheApplicationButKeepsTheCaches() {
		this.contextRunner.withPropertyValues("foundation.cache.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(FoundationCaches.class)
				.doesNotHaveBean(CacheManager.class));
	}

	@Test
	void backsOffToTheApplicationsCacheManager() {
		CacheManager own = new ConcurrentMapCacheManager();
		this.contextRunner.withBean(CacheManager.class, () -> own)
			.run((context) -> assertThat(context.getBean(CacheManager.class)).isSameAs(own));
	}

	@Test
	void badValuesFailStartupNamingTheProperty() {
		assertFailsNaming("foundation.cache.default-ttl=0s", "foundation.cache.default-ttl");
		assertFailsNaming("foundation.cache.version-refresh=-1s", "foundation.cache.version-refresh");
		assertFailsNaming("foundation.cache.key-prefix=my{app}:", "foundation.cache.key-prefix");
		assertFailsNaming("foundation.cache.key-prefix= ", "foundation.cache.key-prefix");
		assertFailsNaming("foundation.cache.local.max-size=-1", "foundation.cache.local.max-size");
		assertFailsNaming("foundation.cache.caches.contacts.ttl=-5m", "foundation.cache.caches.contacts.ttl");
		assertFailsNaming("foundation.cache.caches.contacts.local.ttl=0s",
				"foundation.cache.caches.contacts.local.ttl");
		assertFailsNaming("foundation.cache.caches.contacts.local.max-size=-3",
				"foundation.cache.caches.contacts.local.max-size");
	}

	private void assertFailsNaming(String property, String name) {
		this.contextRunner.withPropertyValues(property)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidFoundationPropertyException.class,
						(failure) -> assertThat(failure.getProperty()).isEqualTo(name)));
	}

}
