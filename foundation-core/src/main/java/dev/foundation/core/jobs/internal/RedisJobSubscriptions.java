package dev.foundation.core.jobs.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.foundation.core.jobs.JobEvent;
import dev.foundation.core.jobs.JobEventSink;
import dev.foundation.core.jobs.JobRef;
import dev.foundation.core.jobs.JobStatusStore;
import dev.foundation.core.jobs.JobSubscriptions;
import dev.foundation.core.redis.FoundationRedis;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Delivers job events to this instance's subscribers. One pub/sub subscription per
 * instance says which job has news; a subscriber then reads the job's stream after the
 * last event it delivered, so ordering, gaps and repeats are decided by stream ids, not
 * by pub/sub (which may drop messages while reconnecting). A periodic catch-up reads
 * every subscriber's stream anyway, covering announcements lost in an outage.
 * <p>
 * No thread waits per subscriber: reads and writes run as short tasks on a shared
 * executor (virtual threads where the JVM has them), one at a time per subscriber.
 */
public final class RedisJobSubscriptions implements JobSubscriptions, SmartLifecycle {

	private static final int BATCH = 100;

	private final JobStatusStore store;

	private final FoundationRedis redis;

	private final String channel;

	private final Executor executor;

	private final Duration heartbeat;

	private final Duration catchUp;

	private final Consumer<Duration> lag;

	private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();

	private final AtomicInteger count = new AtomicInteger();

	private volatile @Nullable ScheduledExecutorService scheduler;

	private volatile @Nullable StatefulRedisPubSubConnection<String, String> pubSub;

	/**
	 * Creates the subscriptions.
	 * @param store reads streams
	 * @param redis opens the pub/sub connection and tracks outages
	 * @param channel the announcement channel
	 * @param executor runs deliveries
	 * @param heartbeat how often idle subscribers get a heartbeat
	 * @param catchUp how often every subscriber's stream is read regardless of
	 * announcements
	 * @param lag told of the time from publication to delivery of each event
	 */
	public RedisJobSubscriptions(JobStatusStore store, FoundationRedis redis, String channel, Executor executor,
			Duration heartbeat, Duration catchUp, Consumer<Duration> lag) {
		this.store = store;
		this.redis = redis;
		this.channel = channel;
		this.executor = executor;
		this.heartbeat = heartbeat;
		this.catchUp = catchUp;
		this.lag = lag;
	}

	@Override
	public Subscription subscribe(JobRef job, @Nullable JobEvent initial, String afterId, JobEventSink sink) {
		Subscriber subscriber = new Subscriber(RedisJobStreams.announcement(job), job, afterId, sink);
		if (initial != null) {
			// The stored state goes out on the caller's thread, before the subscriber is
			// registered: nothing else can deliver to it yet, so order holds, and the
			// client sees the state at once however busy the delivery executor is.
			try {
				subscriber.sink.send(initial);
			}
			catch (IOException | RuntimeException ex) {
				return () -> {
				};
			}
			subscriber.lastId = initial.id();
			if (initial.status().state().isTerminal()) {
				sink.complete();
				return () -> {
				};
			}
		}
		this.subscribers.compute(subscriber.tag, (tag, set) -> {
			Set<Subscriber> added = (set != null) ? set : ConcurrentHashMap.newKeySet();
			added.add(subscriber);
			return added;
		});
		this.count.incrementAndGet();
		subscriber.signal();
		return subscriber::cancel;
	}

	/**
	 * How many subscribers this instance serves now.
	 * @return the count
	 */
	public int subscriberCount() {
		return this.count.get();
	}

	@Override
	public void start() {
		ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "foundation-jobs-ticks");
			thread.setDaemon(true);
			return thread;
		});
		ticks.scheduleWithFixedDelay(this::catchUp, this.catchUp.toMillis(), this.catchUp.toMillis(),
				TimeUnit.MILLISECONDS);
		ticks.scheduleWithFixedDelay(this::heartbeats, this.heartbeat.toMillis(), this.heartbeat.toMillis(),
				TimeUnit.MILLISECONDS);
		this.scheduler = ticks;
		ensureSubscribed();
	}

	@Override
	public void stop() {
		ScheduledExecutorService ticks = this.scheduler;
		if (ticks != null) {
			ticks.shutdownNow();
		}
		this.scheduler = null;
		StatefulRedisPubSubConnection<String, String> connection = this.pubSub;
		if (connection != null) {
			connection.close();
		}
		this.pubSub = null;
		// Open streams would hold the web server's graceful shutdown until its timeout:
		// they end now, and EventSource clients reconnect to another instance.
		this.subscribers.values().forEach((set) -> set.forEach(Subscriber::finish));
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	private void ensureSubscribed() {
		if (this.pubSub != null || this.redis.outages().paused()) {
			return;
		}
		try {
			StatefulRedisPubSubConnection<String, String> connection = this.redis.openPubSub();
			connection.addListener(new RedisPubSubAdapter<>() {

				@Override
				public void message(String channel, String message) {
					announced(message);
				}

			});
			connection.sync().subscribe(this.channel);
			this.pubSub = connection;
		}
		catch (RuntimeException ex) {
			this.redis.outages().failed(RedisJobStreams.FEATURE, ex);
		}
	}

	private void announced(String tag) {
		Set<Subscriber> interested = this.subscribers.get(tag);
		if (interested != null) {
			interested.forEach(Subscriber::signal);
		}
	}

	private void catchUp() {
		ensureSubscribed();
		this.subscribers.values().forEach((set) -> set.forEach(Subscriber::signal));
	}

	private void heartbeats() {
		this.subscribers.values()
			.forEach((set) -> set.forEach((subscriber) -> this.executor.execute(subscriber::heartbeat)));
	}

	private final class Subscriber {

		private final String tag;

		private final JobRef job;

		private final JobEventSink sink;

		private final AtomicInteger pending = new AtomicInteger();

		private volatile String lastId;

		private volatile boolean closed;

		Subscriber(String tag, JobRef job, String lastId, JobEventSink sink) {
			this.tag = tag;
			this.job = job;
			this.lastId = lastId;
			this.sink = sink;
		}

		void signal() {
			if (!this.closed && this.pending.getAndIncrement() == 0) {
				RedisJobSubscriptions.this.executor.execute(this::drain);
			}
		}

		private void drain() {
			int missed = 1;
			while (!this.closed) {
				boolean more = false;
				try {
					if (!RedisJobSubscriptions.this.redis.outages().paused()) {
						List<JobEvent> events = RedisJobSubscriptions.this.store.after(this.job, this.lastId, BATCH);
						for (JobEvent event : events) {
							if (deliver(event)) {
								return;
							}
						}
						more = events.size() == BATCH;
					}
				}
				catch (IOException ex) {
					cancel();
					return;
				}
				catch (RuntimeException ex) {
					// The catch-up tick signals again once Redis answers.
					RedisJobSubscriptions.this.redis.outages().failed(RedisJobStreams.FEATURE, ex);
				}
				if (!more) {
					missed = this.pending.addAndGet(-missed);
					if (missed == 0) {
						return;
					}
				}
			}
		}

		/** Delivers an event; whether it ended the stream. */
		private boolean deliver(JobEvent event) throws IOException {
			synchronized (this) {
				if (this.closed) {
					return true;
				}
				try {
					this.sink.send(event);
				}
				catch (RuntimeException ex) {
					// A sink that fails otherwise (an emitter already completed) is as
					// gone
					// as a closed connection; it must not pass for a Redis failure.
					throw new IOException("The subscriber's sink failed", ex);
				}
			}
			this.lastId = event.id();
			RedisJobSubscriptions.this.lag.accept(Duration.between(event.status().at(), Instant.now()));
			if (event.status().state().isTerminal()) {
				finish();
				return true;
			}
			return false;
		}

		void heartbeat() {
			synchronized (this) {
				if (this.closed) {
					return;
				}
				try {
					this.sink.heartbeat();
				}
				catch (IOException ex) {
					cancel();
				}
			}
		}

		void finish() {
			if (remove()) {
				synchronized (this) {
					this.sink.complete();
				}
			}
		}

		void cancel() {
			remove();
		}

		private boolean remove() {
			synchronized (this) {
				if (this.closed) {
					return false;
				}
				this.closed = true;
			}
			RedisJobSubscriptions.this.subscribers.computeIfPresent(this.tag, (tag, set) -> {
				set.remove(this);
				return set.isEmpty() ? null : set;
			});
			RedisJobSubscriptions.this.count.decrementAndGet();
			return true;
		}

	}

}
