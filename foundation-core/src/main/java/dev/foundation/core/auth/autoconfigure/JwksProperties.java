package dev.foundation.core.auth.autoconfigure;

import java.time.Duration;

/**
 * Fetching and caching of JSON Web Key Sets.
 */
public class JwksProperties {

	/**
	 * How long a fetched key set is used before it is fetched again.
	 */
	private Duration cacheTtl = Duration.ofMinutes(10);

	/**
	 * How long before expiry the key set is refreshed in the background, so requests
	 * never wait for it.
	 */
	private Duration refreshAhead = Duration.ofSeconds(30);

	/**
	 * Rate limit of key set fetches: at most two per interval (the second allows for a
	 * key rotation), whatever arrives, e.g. a flood of tokens with unknown key ids.
	 */
	private Duration minRefreshInterval = Duration.ofSeconds(30);

	/**
	 * How long the last fetched key set keeps being used while the issuer's key endpoint
	 * is unreachable.
	 */
	private Duration outageTolerance = Duration.ofHours(4);

	/**
	 * Connect timeout of a key set fetch.
	 */
	private Duration connectTimeout = Duration.ofSeconds(2);

	/**
	 * Read timeout of a key set fetch.
	 */
	private Duration readTimeout = Duration.ofSeconds(3);

	/**
	 * Attempts of a key set fetch (first try included) before it counts as failed.
	 */
	private int maxAttempts = 2;

	public Duration getCacheTtl() {
		return this.cacheTtl;
	}

	public void setCacheTtl(Duration cacheTtl) {
		this.cacheTtl = cacheTtl;
	}

	public Duration getRefreshAhead() {
		return this.refreshAhead;
	}

	public void setRefreshAhead(Duration refreshAhead) {
		this.refreshAhead = refreshAhead;
	}

	public Duration getMinRefreshInterval() {
		return this.minRefreshInterval;
	}

	public void setMinRefreshInterval(Duration minRefreshInterval) {
		this.minRefreshInterval = minRefreshInterval;
	}

	public Duration getOutageTolerance() {
		return this.outageTolerance;
	}

	public void setOutageTolerance(Duration outageTolerance) {
		this.outageTolerance = outageTolerance;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

}
