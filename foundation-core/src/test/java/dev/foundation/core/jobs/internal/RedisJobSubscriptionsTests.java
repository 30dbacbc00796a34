package dev.foundation.core.jobs.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.foundation.core.jobs.JobEvent;
import dev.foundation.core.jobs.JobEventSink;
import dev.foundation.core.jobs.JobRef;
import dev.foundation.core.jobs.JobState;
import dev.foundation.core.jobs.JobStatus;
import dev.foundation.core.jobs.JobStatusStore;
import dev.foundation.core.redis.FoundationRedis;
import dev.foundation.core.redis.RedisOutages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery to local subscribers, with a store in memory and a direct executor (the
 * integration tests use Redis).
 */
class RedisJobSubscriptionsTests {

	private final JobRef job = new JobRef("tenant", "job");

	private final List<JobEvent> stream = new CopyOnWriteArrayList<>();

	private final AtomicInteger redisFailures = new AtomicInteger();

	private final JobStatusStore store = new JobStatusStore() {

		@Override
		public Optional<JobEvent> last(JobRef job) {
			return this.events().isEmpty() ? Optional.empty() : Optional.of(events().get(events().size() - 1));
		}

		@Override
		public List<JobEvent> after(JobRef job, String afterId, int max) {
			return events().stream().filter((event) -> compare(event.id(), afterId) > 0).limit(max).toList();
		}

		private List<JobEvent> events() {
			return RedisJobSubscriptionsTests.this.stream;
		}

	};

	private final RedisJobSubscriptions subscriptions = new RedisJobSubscriptions(this.store,
			new FoundationRedis(() -> {
				throw new IllegalStateException("no Redis here");
			}, Duration.ofMillis(100),
					new RedisOutages(Duration.ofMillis(1), (feature) -> this.redisFailures.incrementAndGet(),
							Clock.systemUTC())),
			"channel", Runnable::run, Duration.ofHours(1), Duration.ofHours(1), (lag) -> {
			});

	@Test
	void deliversTheInitialEventThenEverythingAfterTheGivenIdInOrderAndEndsAfterTheTerminalOne() {
		JobEvent started = add(1, JobState.STARTED);
		add(2, JobState.PROGRESS);
		add(3, JobState.PROGRESS);
		add(4, JobState.COMPLETED);
		add(5, JobState.PROGRESS);
		RecordingSink sink = new RecordingSink();

		this.subscriptions.subscribe(this.job, started, started.id(), sink);

		assertThat(sink.ids).containsExactly("1-0", "2-0", "3-0", "4-0");
		assertThat(sink.completed).isTrue();
		assertThat(this.subscriptions.subscriberCount()).isZero();
	}

	@Test
	void resumesAfterTheGivenIdWithoutRepeatingIt() {
		add(1, JobState.STARTED);
		add(2, JobState.PROGRESS);
		add(3, JobState.COMPLETED);
		RecordingSink sink = new RecordingSink();

		this.subscriptions.subscribe(this.job, null, "2-0", sink);

		assertThat(sink.ids).containsExactly("3-0");
	}

	@Test
	void aSinkThatFailsIsDroppedAndNotTakenForARedisFailure() {
		add(1, JobState.STARTED);
		JobEventSink failing = new RecordingSink() {

			@Override
			public void send(JobEvent event) {
				throw new IllegalStateException("ResponseBodyEmitter has already completed");
			}

		};

		this.subscriptions.subscribe(this.job, null, "0-0", failing);

		assertThat(this.subscriptions.subscriberCount()).isZero();
		assertThat(this.redisFailures).hasValue(0);
	}

	@Test
	void aClientThatWentAwayIsDropped() {
		add(1, JobState.STARTED);
		JobEventSink gone = new RecordingSink() {

			@Override
			public void send(JobEvent event) throws IOException {
				throw new IOException("Broken pipe");
			}

		};

		this.subscriptions.subscribe(this.job, null, "0-0", gone);

		assertThat(this.subscriptions.subscriberCount()).isZero();
	}

	@Test
	void stoppingEndsOpenStreams() {
		add(1, JobState.STARTED);
		RecordingSink sink = new RecordingSink();
		this.subscriptions.subscribe(this.job, null, "0-0", sink);
		assertThat(this.subscriptions.subscriberCount()).isOne();

		this.subscriptions.stop();

		assertThat(sink.completed).isTrue();
		assertThat(this.subscriptions.subscriberCount()).isZero();
	}

	private JobEvent add(int sequence, JobState state) {
		JobEvent event = new JobEvent(sequence + "-0",
				new JobStatus(this.job.jobId(), state, null, null, null, null, Instant.now()));
		this.stream.add(event);
		return event;
	}

	private static int compare(String left, String right) {
		return Long.compare(Long.parseLong(left.split("-")[0]), Long.parseLong(right.split("-")[0]));
	}

	static class RecordingSink implements JobEventSink {

		final List<String> ids = new CopyOnWriteArrayList<>();

		volatile boolean completed;

		@Override
		public void send(JobEvent event) throws IOException {
			this.ids.add(event.id());
		}

		@Override
		public void heartbeat() {
		}

		@Override
		public void complete() {
			this.completed = true;
		}

	}

}
