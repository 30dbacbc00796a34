package dev.foundation.core.database.internal;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Wraps every Hikari pool bean in a {@link CircuitBreakingDataSource}, after its
 * initialization, before any other wrapper: ordered ahead of foundation-tenancy's
 * connection check and system-scope routing, so those stay outside the breaker and see
 * its {@link dev.foundation.core.database.DatabaseUnavailableException}s as connection
 * failures, and every wrapper still unwraps to the pool.
 */
public final class CircuitBreakingDataSourcePostProcessor implements BeanPostProcessor, Ordered {

	/**
	 * Ahead of foundation-tenancy's wrappers ({@code LOWEST_PRECEDENCE - 10} and after).
	 */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 20;

	private final CircuitBreakerRegistry breakers;

	private final Settings settings;

	/**
	 * Creates the post-processor.
	 * @param settings the breaker's and the acquisition's settings
	 */
	public CircuitBreakingDataSourcePostProcessor(Settings settings) {
		this.settings = settings;
		this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.slidingWindowSize())
			.minimumNumberOfCalls(settings.minimumNumberOfCalls())
			.failureRateThreshold(settings.failureRateThreshold())
			.waitDurationInOpenState(settings.openWait())
			.permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
			.build());
	}

	/**
	 * The breakers of the wrapped pools, one per data source bean, named after it.
	 * @return the registry
	 */
	public CircuitBreakerRegistry getCircuitBreakers() {
		return this.breakers;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof HikariDataSource pool) {
			return new CircuitBreakingDataSource(pool, this.breakers.circuitBreaker(beanName),
					this.settings.acquisitionTimeout(), this.settings.openWait());
		}
		return bean;
	}

	/**
	 * The settings of the breakers and of connection acquisition.
	 *
	 * @param acquisitionTimeout how long a request queues for a busy pool in all
	 * @param failureRateThreshold percentage of failed acquisitions that opens the
	 * breaker
	 * @param slidingWindowSize acquisitions the rate is computed over
	 * @param minimumNumberOfCalls acquisitions needed before the rate is computed
	 * @param openWait how long the breaker stays open
	 * @param permittedCallsInHalfOpenState probes let through after the wait
	 */
	public record Settings(Duration acquisitionTimeout, int failureRateThreshold, int slidingWindowSize,
			int minimumNumberOfCalls, Duration openWait, int permittedCallsInHalfOpenState) {
	}

}
