package dev.foundation.core.jobs.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Job status streams: published by background work, kept in Redis, served to the job's
 * tenant as JSON and Server-Sent Events.
 */
@ConfigurationProperties("foundation.jobs")
public class JobStreamProperties {

	/**
	 * Whether job status publishing and the job endpoints are set up.
	 */
	private boolean enabled = true;

	/**
	 * Base path of the endpoints: GET {path}/{id} and GET {path}/{id}/events.
	 */
	private String path = "/api/v1/jobs";

	/**
	 * Prefix of the Redis keys and of the announcement channel.
	 */
	private String keyPrefix = "foundation:jobs:";

	/**
	 * How long a job's last state and events are kept after its last event.
	 */
	private Duration ttl = Duration.ofHours(24);

	/**
	 * About how many events a job's stream keeps; older ones are trimmed.
	 */
	private long maxEvents = 1000;

	/**
	 * How often an idle stream gets a heartbeat comment, keeping proxies from closing it.
	 */
	private Duration heartbeat = Duration.ofSeconds(15);

	/**
	 * How often every open stream is read regardless of announcements, covering
	 * announcements lost while Redis reconnected.
	 */
	private Duration catchUpInterval = Duration.ofSeconds(5);

	/**
	 * How long one stream stays open at most; EventSource clients reconnect with
	 * Last-Event-ID.
	 */
	private Duration streamTimeout = Duration.ofMinutes(30);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	public long getMaxEvents() {
		return this.maxEvents;
	}

	public void setMaxEvents(long maxEvents) {
		this.maxEvents = maxEvents;
	}

	public Duration getHeartbeat() {
		return this.heartbeat;
	}

	public void setHeartbeat(Duration heartbeat) {
		this.heartbeat = heartbeat;
	}

	public Duration getCatchUpInterval() {
		return this.catchUpInterval;
	}

	public void setCatchUpInterval(Duration catchUpInterval) {
		this.catchUpInterval = catchUpInterval;
	}

	public Duration getStreamTimeout() {
		return this.streamTimeout;
	}

	public void setStreamTimeout(Duration streamTimeout) {
		this.streamTimeout = streamTimeout;
	}

}
