package dev.foundation.core.http;

import java.time.Duration;

/**
 * How calls to one host are protected.
 *
 * @param serviceName the name shown to clients when the host fails (in the problem's
 * {@code service} member): never the host name itself, which may be internal
 * @param timeout how long a call may take until its response headers arrive
 * @param maxAttempts attempts of an idempotent call (GET, HEAD, OPTIONS, PUT, DELETE)
 * including the first; other methods are attempted once
 * @param retryBackoff the pause between attempts
 * @param failureRateThreshold the failure percentage that opens the breaker
 * @param minimumCalls calls the breaker needs before it judges the failure rate
 * @param slidingWindow calls the failure rate is computed over
 * @param openDuration how long the breaker stays open before letting trial calls through
 * @param halfOpenCalls trial calls in the half-open state
 * @param maxConcurrentCalls calls to the host at once (the bulkhead); more are rejected
 */
public record HostResilience(String serviceName, Duration timeout, int maxAttempts, Duration retryBackoff,
		float failureRateThreshold, int minimumCalls, int slidingWindow, Duration openDuration, int halfOpenCalls,
		int maxConcurrentCalls) {

}
