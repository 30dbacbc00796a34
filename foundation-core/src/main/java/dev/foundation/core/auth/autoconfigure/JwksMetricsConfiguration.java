package dev.foundation.core.auth.autoconfigure;

import dev.foundation.core.auth.jwt.JwtDecoderFactory;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics of the key set retries and circuit breakers ({@code resilience4j.retry.*},
 * {@code resilience4j.circuitbreaker.*}, tagged {@code name=jwks-<issuer>}) when
 * resilience4j's Spring Boot integration is absent; when present, it binds every registry
 * in the context itself.
 * <p>
 * The starter leaves that integration out on purpose: it registers six annotation aspects
 * (retry, circuit breaker, bulkhead, rate limiter, time limiter, timer) that Spring AOP
 * matches against every method of every bean at startup, about a quarter of the sample
 * application's startup CPU, for annotations the foundation never uses.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ TaggedRetryMetrics.class, MeterBinder.class })
@ConditionalOnMissingClass("io.github.resilience4j.springboot.retry.autoconfigure.RetryMetricsAutoConfiguration")
final class JwksMetricsConfiguration {

	JwksMetricsConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "jwksMeterBinder")
	MeterBinder jwksMeterBinder(JwtDecoderFactory decoders) {
		return (registry) -> {
			TaggedRetryMetrics.ofRetryRegistry(decoders.retries()).bindTo(registry);
			TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(decoders.circuitBreakers()).bindTo(registry);
		};
	}

}
