package dev.foundation.core.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.foundation.core.cache.autoconfigure.FoundationCacheAutoConfiguration;
import dev.foundation.core.redis.autoconfigure.FoundationRedisAutoConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * An application caching a "settings" lookup with {@code @Cacheable}, as one instance of
 * several sharing Redis.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableCaching
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, MetricsAutoConfiguration.class,
		CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
		DataRedisAutoConfiguration.class, FoundationRedisAutoConfiguration.class,
		FoundationCacheAutoConfiguration.class })
public class CacheTestApplication {

	@Bean
	Settings settings() {
		return new Settings();
	}

	/**
	 * Starts an instance.
	 * @param redisUrl the Redis the instances share
	 * @param properties further properties, name=value
	 * @return the context
	 */
	public static ConfigurableApplicationContext start(String redisUrl, String... properties) {
		return new SpringApplicationBuilder(CacheTestApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.data.redis.url=" + redisUrl)
			.properties(properties)
			.run();
	}

	/** The value of a setting, and how often the "database" was asked. */
	public record Setting(String name, String value) {
	}

	/** The "database" behind the cache: a map per instance, counted. */
	public static class Settings {

		final Map<String, String> rows = new ConcurrentHashMap<>();

		final AtomicInteger loads = new AtomicInteger();

		@Cacheable("settings")
		public Setting find(String name) {
			this.loads.incrementAndGet();
			return new Setting(name, this.rows.getOrDefault(name, "unset"));
		}

		/**
		 * Changes a row without touching the cache (as another instance's write would).
		 */
		public void store(String name, String value) {
			this.rows.put(name, value);
		}

		public int loads() {
			return this.loads.get();
		}

		@CacheEvict(cacheNames = "settings", allEntries = true)
		public void change(String name, String value) {
			this.rows.put(name, value);
		}

	}

}
