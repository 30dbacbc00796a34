package dev.foundation.core.database.autoconfigure;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.database.internal.CircuitBreakingDataSourcePostProcessor;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Fail-fast connection acquisition: every Hikari pool bean is wrapped in a circuit
 * breaker ({@code foundation.database.*}). The short pool timeout it relies on is set by
 * {@code PersistenceEnvironmentPostProcessor} as a default of
 * {@code spring.datasource.hikari.connection-timeout}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({ HikariDataSource.class, CircuitBreaker.class, DelegatingDataSource.class })
@ConditionalOnBooleanProperty(name = "foundation.database.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DatabaseProperties.class)
public final class DatabaseAvailabilityAutoConfiguration {

	DatabaseAvailabilityAutoConfiguration() {
	}

	// Static and bound from the environment: a post-processor must not pull other beans
	// into early creation.
	@Bean
	@ConditionalOnMissingBean
	static CircuitBreakingDataSourcePostProcessor circuitBreakingDataSourcePostProcessor(Environment environment) {
		DatabaseProperties properties = Binder.get(environment)
			.bind("foundation.database", DatabaseProperties.class)
			.orElseGet(DatabaseProperties::new);
		DatabaseProperties.CircuitBreaker breaker = properties.getCircuitBreaker();
		// Bound here, before the properties bean is validated: checked here too.
		requireBetween("foundation.database.circuit-breaker.failure-rate-threshold", breaker.getFailureRateThreshold(),
				1, 100);
		requireBetween("foundation.database.circuit-breaker.sliding-window-size", breaker.getSlidingWindowSize(), 1,
				Integer.MAX_VALUE);
		requireBetween("foundation.database.circuit-breaker.minimum-number-of-calls", breaker.getMinimumNumberOfCalls(),
				1, Integer.MAX_VALUE);
		requireBetween("foundation.database.circuit-breaker.permitted-calls-in-half-open-state",
				breaker.getPermittedCallsInHalfOpenState(), 1, Integer.MAX_VALUE);
		requirePositive("foundation.database.circuit-breaker.wait-duration-in-open-state",
				breaker.getWaitDurationInOpenState());
		requirePositive("foundation.database.acquisition-timeout", properties.getAcquisitionTimeout());
		return new CircuitBreakingDataSourcePostProcessor(new CircuitBreakingDataSourcePostProcessor.Settings(
				properties.getAcquisitionTimeout(), breaker.getFailureRateThreshold(), breaker.getSlidingWindowSize(),
				breaker.getMinimumNumberOfCalls(), breaker.getWaitDurationInOpenState(),
				breaker.getPermittedCallsInHalfOpenState()));
	}

	private static void requireBetween(String property, int value, int min, int max) {
		if (value < min || value > max) {
			throw new InvalidFoundationPropertyException(property, value + " is out of range",
					"use a value from " + min + ((max == Integer.MAX_VALUE) ? " up" : " to " + max));
		}
	}

	private static void requirePositive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidFoundationPropertyException(property, value + " is not positive",
					"use a positive duration such as 2s");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ TaggedCircuitBreakerMetrics.class, MeterBinder.class })
	static class MetricsConfiguration {

		// resilience4j.circuitbreaker.* tagged name=<data source bean>: state, calls,
		// failure rate.
		@Bean
		@ConditionalOnMissingBean(name = "databaseCircuitBreakerMeterBinder")
		MeterBinder databaseCircuitBreakerMeterBinder(CircuitBreakingDataSourcePostProcessor postProcessor) {
			return (registry) -> TaggedCircuitBreakerMetrics
				.ofCircuitBreakerRegistry(postProcessor.getCircuitBreakers())
				.bindTo(registry);
		}

	}

}
