package dev.foundation.tenancy.autoconfigure;

import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Counts failures of the Redis cache tier as {@code foundation.tenancy.resolution.cache.redis.failures} (tag
 * {@code operation}) when Micrometer and a registry are present; otherwise counts nothing.
 */
final class RedisCacheFailureCounter {

	static final String METER = "foundation.tenancy.resolution.cache.redis.failures";

	private static final boolean MICROMETER_PRESENT = ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
			RedisCacheFailureCounter.class.getClassLoader());

	private RedisCacheFailureCounter() {
	}

	static Consumer<String> of(BeanFactory beanFactory) {
		if (!MICROMETER_PRESENT) {
			return (operation) -> {
			};
		}
		// Why looked up at each failure: the registry may be created after the cache, and failures are rare.
		return (operation) -> Micrometer.count(beanFactory, operation);
	}

	/** Loaded only when Micrometer is on the class path. */
	private static final class Micrometer {

		static void count(BeanFactory beanFactory, String operation) {
			MeterRegistry registry = beanFactory.getBeanProvider(MeterRegistry.class).getIfUnique();
			if (registry != null) {
				Counter.builder(METER)
					.description("Failures of the Redis tier of the tenant cache; requests used the database")
					.tag("operation", operation)
					.register(registry)
					.increment();
			}
		}

	}

}
