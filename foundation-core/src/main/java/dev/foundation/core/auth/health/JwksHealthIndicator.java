package dev.foundation.core.auth.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code jwks} health component: the state of each issuer's key set fetching. It
 * stays {@code UP} while a circuit is open, because cached keys keep validating tokens
 * (outage tolerance), but shows the state and failure rate; it is not part of the
 * readiness group.
 */
public final class JwksHealthIndicator implements HealthIndicator {

	private final CircuitBreakerRegistry circuitBreakers;

	public JwksHealthIndicator(CircuitBreakerRegistry circuitBreakers) {
		this.circuitBreakers = circuitBreakers;
	}

	@Override
	public Health health() {
		Map<String, Object> details = new LinkedHashMap<>();
		for (CircuitBreaker circuitBreaker : this.circuitBreakers.getAllCircuitBreakers()) {
			if (circuitBreaker.getName().startsWith("jwks-")) {
				CircuitBreaker.Metrics metrics = circuitBreaker.getMetrics();
				details.put(circuitBreaker.getName().substring(5), Map.of("circuit", circuitBreaker.getState().name(),
						"failureRate", metrics.getFailureRate(), "failedCalls", metrics.getNumberOfFailedCalls()));
			}
		}
		return Health.up().withDetails(details).build();
	}

}
