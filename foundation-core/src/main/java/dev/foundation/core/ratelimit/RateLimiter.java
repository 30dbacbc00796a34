package dev.foundation.core.ratelimit;

/**
 * Counts requests against policies, atomically across every instance.
 */
@FunctionalInterface
public interface RateLimiter {

	/**
	 * Counts one request.
	 * @param policy the policy
	 * @param key the caller's key within the policy (already derived from tenant, user,
	 * API key, IP or route)
	 * @return the decision; when the counting store fails, an uncounted decision that
	 * allows the request unless the policy fails closed
	 */
	RateLimitDecision tryConsume(RateLimitPolicy policy, String key);

}
