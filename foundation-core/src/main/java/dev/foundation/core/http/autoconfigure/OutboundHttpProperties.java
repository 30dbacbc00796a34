package dev.foundation.core.http.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.foundation.core.http.HostResilience;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Resilient outbound calls of every Boot-built {@code RestClient}: a time limit, retries
 * of idempotent methods, a circuit breaker and a bulkhead per host.
 */
@ConfigurationProperties("foundation.http.client")
public class OutboundHttpProperties {

	/**
	 * Whether Boot-built RestClients protect their calls.
	 */
	private boolean enabled = true;

	/**
	 * Settings of every host without its own entry under hosts.
	 */
	private final Settings defaults = new Settings();

	/**
	 * Settings per host name, overriding the defaults field by field; write host names
	 * with dots in brackets, e.g. hosts[api.example.com].timeout=2s.
	 */
	private Map<String, Settings> hosts = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Settings getDefaults() {
		return this.defaults;
	}

	public Map<String, Settings> getHosts() {
		return this.hosts;
	}

	public void setHosts(Map<String, Settings> hosts) {
		this.hosts = hosts;
	}

	/**
	 * The protection of a host, with per-host entries falling back to the defaults and
	 * the defaults to built-in values.
	 * @param host the host name
	 * @return the protection
	 */
	public HostResilience resolve(String host) {
		Settings own = this.hosts.getOrDefault(host, new Settings());
		Settings fallback = this.defaults;
		return new HostResilience(pick(own.serviceName, fallback.serviceName, "external-service"),
				pick(own.timeout, fallback.timeout, Duration.ofSeconds(5)),
				pick(own.maxAttempts, fallback.maxAttempts, 3),
				pick(own.retryBackoff, fallback.retryBackoff, Duration.ofMillis(100)),
				pick(own.failureRateThreshold, fallback.failureRateThreshold, 50f),
				pick(own.minimumCalls, fallback.minimumCalls, 10), pick(own.slidingWindow, fallback.slidingWindow, 20),
				pick(own.openDuration, fallback.openDuration, Duration.ofSeconds(30)),
				pick(own.halfOpenCalls, fallback.halfOpenCalls, 2),
				pick(own.maxConcurrentCalls, fallback.maxConcurrentCalls, 50));
	}

	private static <T> T pick(@Nullable T own, @Nullable T fallback, T builtIn) {
		return (own != null) ? own : (fallback != null) ? fallback : builtIn;
	}

	/**
	 * How calls to a host are protected; unset fields fall back.
	 */
	public static class Settings {

		/**
		 * Name shown to clients when the host fails, in the problem's service member;
		 * never the host name. Built-in default: external-service.
		 */
		private @Nullable String serviceName;

		/**
		 * How long a call may take until its response headers arrive. Built-in default:
		 * 5s.
		 */
		private @Nullable Duration timeout;

		/**
		 * Attempts of an idempotent call (GET, HEAD, OPTIONS, PUT, DELETE) including the
		 * first; POST and PATCH are attempted once. Built-in default: 3.
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * Pause between attempts. Built-in default: 100ms.
		 */
		private @Nullable Duration retryBackoff;

		/**
		 * Failure percentage that opens the circuit breaker. Built-in default: 50.
		 */
		private @Nullable Float failureRateThreshold;

		/**
		 * Calls the breaker needs before judging the failure rate. Built-in default: 10.
		 */
		private @Nullable Integer minimumCalls;

		/**
		 * Calls the failure rate is computed over. Built-in default: 20.
		 */
		private @Nullable Integer slidingWindow;

		/**
		 * How long the breaker stays open before letting trial calls through. Built-in
		 * default: 30s.
		 */
		private @Nullable Duration openDuration;

		/**
		 * Trial calls while half-open. Built-in default: 2.
		 */
		private @Nullable Integer halfOpenCalls;

		/**
		 * Calls to the host at once (the bulkhead); more are rejected with 503. Built-in
		 * default: 50.
		 */
		private @Nullable Integer maxConcurrentCalls;

		public @Nullable String getServiceName() {
			return this.serviceName;
		}

		public void setServiceName(@Nullable String serviceName) {
			this.serviceName = serviceName;
		}

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable Duration getRetryBackoff() {
			return this.retryBackoff;
		}

		public void setRetryBackoff(@Nullable Duration retryBackoff) {
			this.retryBackoff = retryBackoff;
		}

		public @Nullable Float getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		public void setFailureRateThreshold(@Nullable Float failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

		public @Nullable Integer getMinimumCalls() {
			return this.minimumCalls;
		}

		public void setMinimumCalls(@Nullable Integer minimumCalls) {
			this.minimumCalls = minimumCalls;
		}

		public @Nullable Integer getSlidingWindow() {
			return this.slidingWindow;
		}

		public void setSlidingWindow(@Nullable Integer slidingWindow) {
			this.slidingWindow = slidingWindow;
		}

		public @Nullable Duration getOpenDuration() {
			return this.openDuration;
		}

		public void setOpenDuration(@Nullable Duration openDuration) {
			this.openDuration = openDuration;
		}

		public @Nullable Integer getHalfOpenCalls() {
			return this.halfOpenCalls;
		}

		public void setHalfOpenCalls(@Nullable Integer halfOpenCalls) {
			this.halfOpenCalls = halfOpenCalls;
		}

		public @Nullable Integer getMaxConcurrentCalls() {
			return this.maxConcurrentCalls;
		}

		public void setMaxConcurrentCalls(@Nullable Integer maxConcurrentCalls) {
			this.maxConcurrentCalls = maxConcurrentCalls;
		}

	}

}
