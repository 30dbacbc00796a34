package dev.foundation.core.cache.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.foundation.core.cache.CacheValueCodec;
import dev.foundation.core.cache.FoundationCaches;
import dev.foundation.core.cache.internal.CacheMeters;
import dev.foundation.core.cache.internal.FoundationCacheManager;
import dev.foundation.core.cache.internal.JacksonCacheValueCodec;
import dev.foundation.core.cache.internal.TieredCaches;
import dev.foundation.core.redis.FoundationRedis;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * The foundation's caches ({@link FoundationCaches},
 * {@link dev.foundation.core.cache.CacheNamespaces}) on the foundation's Redis connection
 * when there is one (in-process only otherwise), and the application's
 * {@link CacheManager} over them unless the application has one or
 * {@code foundation.cache.enabled=false}. Ordered before Spring Boot's cache
 * auto-configuration, which then backs off.
 */
@AutoConfiguration(after = dev.foundation.core.redis.autoconfigure.FoundationRedisAutoConfiguration.class,
		beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration",
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ Caffeine.class, CacheManager.class })
@EnableConfigurationProperties(FoundationCacheProperties.class)
public final class FoundationCacheAutoConfiguration {

	private static final String TRANSACTIONS = "org.springframework.transaction.support.TransactionSynchronizationManager";

	FoundationCacheAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(FoundationCaches.class)
	TieredCaches foundationCaches(FoundationCacheProperties properties, ObjectProvider<FoundationRedis> redis,
			ObjectProvider<CacheValueCodec> codecs, ObjectProvider<CacheMeters> meters) {
		CacheSettingsResolver settings = new CacheSettingsResolver(properties);
		CacheValueCodec codec = codecs.getIfAvailable(() -> UnavailableCodec.INSTANCE);
		return new TieredCaches(redis.getIfAvailable(), properties.getKeyPrefix(), properties.getVersionRefresh(),
				codec, meters.getIfAvailable(() -> CacheMeters.NONE), settings);
	}

	@Bean
	@ConditionalOnMissingBean(CacheManager.class)
	@ConditionalOnBooleanProperty(name = "foundation.cache.enabled", matchIfMissing = true)
	FoundationCacheManager cacheManager(FoundationCaches caches, FoundationCacheProperties properties) {
		FoundationCacheManager manager = new FoundationCacheManager(caches, properties.getCaches().keySet());
		manager.setTransactionAware(properties.isTransactionAware()
				&& ClassUtils.isPresent(TRANSACTIONS, FoundationCacheAutoConfiguration.class.getClassLoader()));
		return manager;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static final class JacksonConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CacheValueCodec foundationCacheValueCodec(FoundationCacheProperties properties, BeanFactory beanFactory) {
			List<String> trusted = new ArrayList<>(properties.getTrustedPackages());
			if (AutoConfigurationPackages.has(beanFactory)) {
				trusted.addAll(AutoConfigurationPackages.get(beanFactory));
			}
			trusted.add("dev.foundation");
			return new JacksonCacheValueCodec(trusted);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static final class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CacheMeters foundationCacheMeters(ObjectProvider<MeterRegistry> registries) {
			MeterRegistry registry = registries.getIfAvailable();
			if (registry == null) {
				return CacheMeters.NONE;
			}
			return (name, description, tags) -> {
				Counter counter = Counter.builder(name).description(description).tags(tags).register(registry);
				return counter::increment;
			};
		}

	}

	/** Without Jackson nothing is written to Redis; the in-process tier still works. */
	private enum UnavailableCodec implements CacheValueCodec {

		INSTANCE;

		@Override
		public byte[] encode(@org.jspecify.annotations.Nullable Object value) {
			throw new IllegalStateException("No CacheValueCodec (add Jackson, or define one)");
		}

		@Override
		public @org.jspecify.annotations.Nullable Object decode(byte[] bytes) {
			throw new IllegalStateException("No CacheValueCodec (add Jackson, or define one)");
		}

	}

}
