package dev.foundation.core.http.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code outbound} health component: each called host's circuit breaker state and
 * failure rate. It stays {@code UP} while a breaker is open: the instance itself works
 * and answers those calls with 503 at once; restarting or unrouting it would not help.
 */
public final class OutboundHealthIndicator implements HealthIndicator {

	private final CircuitBreakerRegistry breakers;

	public OutboundHealthIndicator(CircuitBreakerRegistry breakers) {
		this.breakers = breakers;
	}

	@Override
	public Health health() {
		Map<String, Object> details = new LinkedHashMap<>();
		for (CircuitBreaker breaker : this.breakers.getAllCircuitBreakers()) {
			CircuitBreaker.Metrics metrics = breaker.getMetrics();
			details.put(breaker.getName(), Map.of("circuit", breaker.getState().name(), "failureRate",
					metrics.getFailureRate(), "failedCalls", metrics.getNumberOfFailedCalls()));
		}
		return Health.up().withDetails(details).build();
	}

}
