package dev.foundation.core.jobs.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.foundation.core.jobs.JobEvent;
import dev.foundation.core.jobs.JobRef;
import dev.foundation.core.jobs.JobStatus;
import dev.foundation.core.jobs.JobStatusPublisher;
import dev.foundation.core.jobs.JobStatusStore;
import dev.foundation.core.redis.FoundationRedis;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Job status in Redis: each job's events in a Redis Stream (capped, so a chatty job
 * cannot grow it without bound) and its last event in a plain key, both expiring a while
 * after the job's last event. One script appends the event, stores it as the last state,
 * renews both expiries and announces the job on a pub/sub channel, so a reader never sees
 * a last state that is not also in the stream.
 */
public final class RedisJobStreams implements JobStatusPublisher, JobStatusStore {

	static final String FEATURE = "jobs";

	private static final String FIELD = "s";

	// KEYS: events stream, state key. ARGV: status JSON, TTL in ms, max stream length,
	// channel, announcement.
	private static final String PUBLISH = """
			local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', 's', ARGV[1])
			redis.call('SET', KEYS[2], id .. '\\n' .. ARGV[1], 'PX', ARGV[2])
			redis.call('PEXPIRE', KEYS[1], ARGV[2])
			redis.call('PUBLISH', ARGV[4], ARGV[5])
			return id
			""";

	private final FoundationRedis redis;

	private final JobKeys keys;

	private final Duration ttl;

	private final long maxEvents;

	private final JsonMapper json;

	private final Consumer<JobStatus> published;

	/**
	 * Creates the streams.
	 * @param redis the shared connection
	 * @param keyPrefix the prefix of every key and of the channel
	 * @param ttl how long a job's state and events are kept after its last event
	 * @param maxEvents about how many events a job's stream keeps
	 * @param json serializes statuses
	 * @param published told of every published status (metrics)
	 */
	public RedisJobStreams(FoundationRedis redis, String keyPrefix, Duration ttl, long maxEvents, JsonMapper json,
			Consumer<JobStatus> published) {
		this.redis = redis;
		this.keys = new JobKeys(keyPrefix);
		this.ttl = ttl;
		this.maxEvents = maxEvents;
		this.json = json;
		this.published = published;
	}

	/**
	 * The channel on which every published job is announced.
	 * @return the channel
	 */
	public String channel() {
		return this.keys.channel();
	}

	/**
	 * The announcement of a job on the channel.
	 * @param job the job
	 * @return the message
	 */
	public static String announcement(JobRef job) {
		return JobKeys.tag(job);
	}

	@Override
	public @Nullable String publish(JobRef job, JobStatus status) {
		if (!status.jobId().equals(job.jobId())) {
			throw new IllegalArgumentException("The status is of job " + status.jobId() + ", not " + job.jobId());
		}
		try {
			byte[] id = this.redis.connection()
				.sync()
				.eval(PUBLISH, ScriptOutputType.VALUE, new String[] { this.keys.events(job), this.keys.state(job) },
						this.json.writeValueAsBytes(status), ascii(Long.toString(this.ttl.toMillis())),
						ascii(Long.toString(this.maxEvents)), ascii(this.keys.channel()), ascii(announcement(job)));
			this.published.accept(status);
			return new String(id, StandardCharsets.US_ASCII);
		}
		catch (RuntimeException ex) {
			this.redis.outages().failed(FEATURE, ex);
			return null;
		}
	}

	@Override
	public Optional<JobEvent> last(JobRef job) {
		byte[] stored = this.redis.connection().sync().get(this.keys.state(job));
		if (stored == null) {
			return Optional.empty();
		}
		String value = new String(stored, StandardCharsets.UTF_8);
		int newline = value.indexOf('\n');
		return Optional.of(new JobEvent(value.substring(0, newline),
				this.json.readValue(value.substring(newline + 1), JobStatus.class)));
	}

	@Override
	public List<JobEvent> after(JobRef job, String afterId, int max) {
		List<StreamMessage<String, byte[]>> messages = this.redis.connection()
			.sync()
			.xrange(this.keys.events(job), Range.from(Range.Boundary.excluding(afterId), Range.Boundary.unbounded()),
					Limit.from(max));
		List<JobEvent> events = new ArrayList<>(messages.size());
		for (StreamMessage<String, byte[]> message : messages) {
			byte[] body = message.getBody().get(FIELD);
			if (body != null) {
				events.add(new JobEvent(message.getId(), this.json.readValue(body, JobStatus.class)));
			}
		}
		return events;
	}

	private static byte[] ascii(String value) {
		return value.getBytes(StandardCharsets.US_ASCII);
	}

}
