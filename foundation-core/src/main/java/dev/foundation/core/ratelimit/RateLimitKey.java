package dev.foundation.core.ratelimit;

/**
 * What a rate limit counts by. A request without the named part (no tenant bound, an
 * anonymous caller) is counted by its client IP instead, so that it never shares one
 * bucket with every other such request.
 */
public enum RateLimitKey {

	/** One bucket per tenant. */
	TENANT,

	/** One bucket per authenticated user (issuer and subject). */
	USER,

	/** One bucket per API key; callers with a token count per user. */
	API_KEY,

	/**
	 * One bucket per client IP, as resolved through the trusted-proxy rules of
	 * {@code foundation.context.trusted-proxies}.
	 */
	IP,

	/** One bucket per route (method and path pattern), shared by every caller. */
	ROUTE

}
