package dev.foundation.core.shutdown.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How requests are treated once the application begins to shut down. Boot's own graceful
 * shutdown ({@code server.shutdown=graceful}, the default, bounded by
 * {@code spring.lifecycle.timeout-per-shutdown-phase}) lets requests in flight finish.
 */
@ConfigurationProperties("foundation.shutdown")
public class ShutdownProperties {

	/**
	 * Whether requests arriving after shutdown began are answered 503 service-unavailable
	 * with Retry-After and Connection: close.
	 */
	private boolean enabled = true;

	/**
	 * How long shutdown is held, answering new requests 503, before the server stops
	 * accepting connections: about the time the load balancer takes to stop routing to an
	 * instance that is going away.
	 */
	private Duration drainPeriod = Duration.ZERO;

	/**
	 * Retry-After of the requests rejected during shutdown.
	 */
	private Duration retryAfter = Duration.ofSeconds(1);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getDrainPeriod() {
		return this.drainPeriod;
	}

	public void setDrainPeriod(Duration drainPeriod) {
		this.drainPeriod = drainPeriod;
	}

	public Duration getRetryAfter() {
		return this.retryAfter;
	}

	public void setRetryAfter(Duration retryAfter) {
		this.retryAfter = retryAfter;
	}

}
