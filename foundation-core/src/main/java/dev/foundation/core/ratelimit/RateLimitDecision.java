package dev.foundation.core.ratelimit;

import java.time.Duration;

/**
 * The outcome of counting one request against a policy.
 *
 * @param policy the policy
 * @param allowed whether the request may proceed
 * @param remaining the requests left in the current window (0 when unknown)
 * @param reset when the window ends (for a rejection: when to retry)
 * @param counted whether Redis counted the request; {@code false} when it was let through
 * (fail-open) or refused (fail-closed) because Redis failed
 */
public record RateLimitDecision(RateLimitPolicy policy, boolean allowed, long remaining, Duration reset,
		boolean counted) {

}
