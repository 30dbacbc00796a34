package dev.foundation.core.database.autoconfigure;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How requests behave when the database cannot be reached: a circuit breaker around the
 * pool's connections, and how long a request queues for a pool that is reachable but
 * busy. The pool's own wait per attempt is Hikari's
 * {@code spring.datasource.hikari.connection-timeout}, which the foundation defaults to
 * 250 ms; see docs/operations.md.
 */
@ConfigurationProperties("foundation.database")
@Validated
public class DatabaseProperties {

	/**
	 * Whether the application's Hikari pools are wrapped in a circuit breaker and given a
	 * short connection timeout, so that requests fail fast with 503 while the database is
	 * down.
	 */
	private boolean enabled = true;

	/**
	 * How long a request waits in all for a connection from a pool that is reachable but
	 * has every connection in use, before it is answered 503.
	 */
	private Duration acquisitionTimeout = Duration.ofSeconds(30);

	private final CircuitBreaker circuitBreaker = new CircuitBreaker();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getAcquisitionTimeout() {
		return this.acquisitionTimeout;
	}

	public void setAcquisitionTimeout(Duration acquisitionTimeout) {
		this.acquisitionTimeout = acquisitionTimeout;
	}

	public CircuitBreaker getCircuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * The circuit breaker around connection acquisition; only failures to reach the
	 * database count against it.
	 */
	public static class CircuitBreaker {

		/**
		 * Percentage of failed connection acquisitions, among the last
		 * sliding-window-size, at which the breaker opens.
		 */
		@Min(1)
		@Max(100)
		private int failureRateThreshold = 50;

		/**
		 * Number of most recent connection acquisitions the failure rate is computed
		 * over.
		 */
		@Min(1)
		private int slidingWindowSize = 10;

		/**
		 * Number of connection acquisitions needed before the failure rate is computed.
		 */
		@Min(1)
		private int minimumNumberOfCalls = 5;

		/**
		 * How long the breaker stays open (every request answered 503 at once, with this
		 * as Retry-After) before probes may try the database again.
		 */
		private Duration waitDurationInOpenState = Duration.ofSeconds(2);

		/**
		 * Number of probe acquisitions let through when the wait is over; they close the
		 * breaker when they succeed.
		 */
		@Min(1)
		private int permittedCallsInHalfOpenState = 2;

		public int getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		public void setFailureRateThreshold(int failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

		public int getSlidingWindowSize() {
			return this.slidingWindowSize;
		}

		public void setSlidingWindowSize(int slidingWindowSize) {
			this.slidingWindowSize = slidingWindowSize;
		}

		public int getMinimumNumberOfCalls() {
			return this.minimumNumberOfCalls;
		}

		public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
			this.minimumNumberOfCalls = minimumNumberOfCalls;
		}

		public Duration getWaitDurationInOpenState() {
			return this.waitDurationInOpenState;
		}

		public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
			this.waitDurationInOpenState = waitDurationInOpenState;
		}

		public int getPermittedCallsInHalfOpenState() {
			return this.permittedCallsInHalfOpenState;
		}

		public void setPermittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
			this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
		}

	}

}
