package dev.foundation.core.redis.autoconfigure;

import java.util.function.Consumer;

import dev.foundation.core.config.OptionalMeters;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.BeanFactory;

/**
 * The Redis features' failure counter. Micrometer is optional: only this class names its
 * types, and it is loaded only once a registry was found, so the auto-configuration's own
 * methods (lambdas included) can be introspected without Micrometer on the class path.
 */
final class RedisMeters {

	private RedisMeters() {
	}

	static Consumer<String> failures(BeanFactory beans) {
		MeterRegistry meters = beans.getBeanProvider(MeterRegistry.class).getIfAvailable();
		if (meters == null) {
			return (feature) -> {
			};
		}
		return (feature) -> Counter.builder("foundation.redis.failures")
			.description("Commands of the foundation's Redis features that failed (the feature went on without Redis)")
			.tag("feature", feature)
			.register(meters)
			.increment();
	}

}
