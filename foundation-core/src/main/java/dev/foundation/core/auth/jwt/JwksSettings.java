package dev.foundation.core.auth.jwt;

import java.time.Duration;

/**
 * How key sets are fetched and cached.
 *
 * @param cacheTtl how long a fetched key set is used
 * @param refreshAhead how long before expiry it is refreshed in the background
 * @param minRefreshInterval shortest time between two fetches (rate limit against
 * unknown-kid floods)
 * @param outageTolerance how long the last key set is used while the endpoint is
 * unreachable
 * @param connectTimeout connect timeout of a fetch
 * @param readTimeout read timeout of a fetch
 * @param maxAttempts attempts per fetch
 */
public record JwksSettings(Duration cacheTtl, Duration refreshAhead, Duration minRefreshInterval,
		Duration outageTolerance, Duration connectTimeout, Duration readTimeout, int maxAttempts) {

	/** Nimbus's limit on the size of a key set document. */
	static final int SIZE_LIMIT_BYTES = 256 * 1024;

}
