package dev.foundation.core.http.autoconfigure;

import java.util.concurrent.Executors;

import dev.foundation.core.http.ResilientRequestInterceptor;
import dev.foundation.core.http.health.OutboundHealthIndicator;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.core.task.support.TaskExecutorAdapter;

/**
 * Resilient outbound calls: a {@link RestClientCustomizer} adds the
 * {@link ResilientRequestInterceptor} to every {@code RestClient.Builder} Boot builds,
 * with per-host settings from {@code foundation.http.client.*}; breaker states go to
 * metrics ({@code resilience4j.circuitbreaker.*}, tagged with the host) and to the
 * {@code outbound} health component.
 */
@AutoConfiguration(afterName = "dev.foundation.core.context.autoconfigure.RequestContextAutoConfiguration")
@ConditionalOnClass({ RestClientCustomizer.class, TimeLimiter.class, BulkheadRegistry.class })
@ConditionalOnBooleanProperty(name = "foundation.http.client.enabled", matchIfMissing = true)
@EnableConfigurationProperties(OutboundHttpProperties.class)
public final class OutboundHttpAutoConfiguration {

	OutboundHttpAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	ResilientRequestInterceptor resilientRequestInterceptor(OutboundHttpProperties properties) {
		return new ResilientRequestInterceptor(properties::resolve, CircuitBreakerRegistry.ofDefaults(),
				RetryRegistry.ofDefaults(), BulkheadRegistry.ofDefaults(), executor());
	}

	@Bean
	@ConditionalOnMissingBean(name = "resilientRestClientCustomizer")
	RestClientCustomizer resilientRestClientCustomizer(ResilientRequestInterceptor interceptor) {
		// Last, so that headers other interceptors add (the correlation id) are part of
		// every retried attempt.
		return (builder) -> builder.requestInterceptors((interceptors) -> interceptors.add(interceptor));
	}

	/**
	 * Virtual threads on Java 21+; on 17 a cached pool of daemon threads (a timed-out
	 * attempt is interrupted, which frees its thread).
	 */
	private static AsyncTaskExecutor executor() {
		if (Runtime.version().feature() >= 21) {
			return new VirtualThreadTaskExecutor("foundation-outbound-");
		}
		return new TaskExecutorAdapter(Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "foundation-outbound");
			thread.setDaemon(true);
			return thread;
		}));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ TaggedCircuitBreakerMetrics.class, MeterBinder.class })
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "outboundMeterBinder")
		MeterBinder outboundMeterBinder(ResilientRequestInterceptor interceptor) {
			return (registry) -> {
				TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(interceptor.breakers()).bindTo(registry);
				TaggedRetryMetrics.ofRetryRegistry(interceptor.retries()).bindTo(registry);
				TaggedBulkheadMetrics.ofBulkheadRegistry(interceptor.bulkheads()).bindTo(registry);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "outboundHealthIndicator")
		HealthIndicator outboundHealthIndicator(ResilientRequestInterceptor interceptor) {
			return new OutboundHealthIndicator(interceptor.breakers());
		}

	}

}
