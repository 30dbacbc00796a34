package dev.foundation.core.auth.autoconfigure;

import dev.foundation.core.auth.AuthEvents;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Authentication's meters ({@code foundation.auth.*}) when Micrometer is present; they
 * are registered only if the application has a {@link MeterRegistry} (actuator).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterRegistry.class)
final class AuthMetricsConfiguration {

	AuthMetricsConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	AuthEvents foundationAuthEvents(ObjectProvider<MeterRegistry> registries) {
		MeterRegistry registry = registries.getIfAvailable();
		return (registry != null) ? new MicrometerAuthEvents(registry) : AuthEvents.NONE;
	}

}
