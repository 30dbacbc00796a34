package dev.foundation.core.redis.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The connection the foundation's Redis features (cache, rate limits, job streams) share.
 */
@ConfigurationProperties("foundation.redis")
public class FoundationRedisProperties {

	/**
	 * How long a command of the foundation's features may take before it fails and the
	 * feature goes on without Redis (fail-open rate limit, dropped job event); far below
	 * Lettuce's default of a minute so that an outage cannot stall requests.
	 */
	private Duration commandTimeout = Duration.ofMillis(500);

	/**
	 * How long the features skip Redis after a failure before trying it again.
	 */
	private Duration outagePause = Duration.ofSeconds(2);

	public Duration getCommandTimeout() {
		return this.commandTimeout;
	}

	public void setCommandTimeout(Duration commandTimeout) {
		this.commandTimeout = commandTimeout;
	}

	public Duration getOutagePause() {
		return this.outagePause;
	}

	public void setOutagePause(Duration outagePause) {
		this.outagePause = outagePause;
	}

}
