package dev.foundation.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.foundation.core.jobs.JobEvent;
import dev.foundation.core.jobs.JobEventSink;
import dev.foundation.core.jobs.JobRef;
import dev.foundation.core.jobs.JobState;
import dev.foundation.core.jobs.JobStatus;
import dev.foundation.core.jobs.internal.RedisJobStreams;
import dev.foundation.core.jobs.internal.RedisJobSubscriptions;
import dev.foundation.core.ratelimit.RateLimitKey;
import dev.foundation.core.ratelimit.RateLimitPolicy;
import dev.foundation.core.ratelimit.internal.Bucket4jRateLimiter;
import dev.foundation.core.redis.FoundationRedis;
import dev.foundation.core.redis.RedisOutages;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * Latency of the Redis features on their own (no HTTP): a rate-limit check against a
 * Redis {@code PING} round trip on the same connection, and job event delivery from a
 * publisher on one Redis connection ("instance A") to subscribers of another ("instance
 * B"), with 1,000 subscribers' heap and thread counts. Prints percentiles; the Redis
 * comes from {@code FOUNDATION_TEST_REDIS_URL} (default {@code redis://127.0.0.1:6379}).
 * <p>
 * Not JMH: percentiles of single operations are the point, so each operation is timed.
 * Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.foundation.benchmarks.RedisFeaturesLatency}.
 */
public final class RedisFeaturesLatency {

	private static final int WARMUP = 2_000;

	private static final int CHECKS = 20_000;

	private static final int EVENTS = 2_000;

	private static final int SUBSCRIBERS = 1_000;

	private RedisFeaturesLatency() {
	}

	public static void main(String[] args) throws Exception {
		String url = System.getenv().getOrDefault("FOUNDATION_TEST_REDIS_URL", "redis://127.0.0.1:6379");
		RedisClient client = RedisClient.create(url);
		try {
			FoundationRedis instanceA = redis(client);
			FoundationRedis instanceB = redis(client);
			rateLimit(instanceA);
			jobDelivery(instanceA, instanceB);
			manySubscribers(instanceA, instanceB);
		}
		finally {
			client.shutdown();
		}
	}

	private static FoundationRedis redis(RedisClient client) {
		return new FoundationRedis(() -> client, Duration.ofSeconds(2),
				new RedisOutages(Duration.ofSeconds(1), (feature) -> {
				}, Clock.systemUTC()));
	}

	private static void rateLimit(FoundationRedis redis) {
		String prefix = "foundation:bench:" + UUID.randomUUID() + ":";
		Bucket4jRateLimiter limiter = new Bucket4jRateLimiter(redis, prefix);
		RateLimitPolicy policy = RateLimitPolicy.parse("bench", "1000000000/1m", 0, List.of(RateLimitKey.TENANT),
				false);
		StatefulRedisConnection<String, byte[]> connection = redis.connection();
		long[] check = new long[CHECKS];
		long[] ping = new long[CHECKS];
		for (int i = 0; i < WARMUP; i++) {
			limiter.tryConsume(policy, "tenant-" + (i % 100));
			connection.sync().ping();
		}
		for (int i = 0; i < CHECKS; i++) {
			long start = System.nanoTime();
			limiter.tryConsume(policy, "tenant-" + (i % 100));
			check[i] = System.nanoTime() - start;
			start = System.nanoTime();
			connection.sync().ping();
			ping[i] = System.nanoTime() - start;
		}
		System.out.println("rate-limit check (Bucket4j, Lettuce): " + percentiles(check));
		System.out.println("Redis PING round trip (same connection): " + percentiles(ping));
		// A flood: one key over its limit, refused again and again.
		RateLimitPolicy tight = RateLimitPolicy.parse("flood", "1/1m", 0, List.of(RateLimitKey.IP), false);
		Bucket4jRateLimiter remembering = new Bucket4jRateLimiter(redis, prefix + "remembering:", 100_000);
		Bucket4jRateLimiter asking = new Bucket4jRateLimiter(redis, prefix + "asking:", 0);
		long[] remembered = new long[CHECKS];
		long[] asked = new long[CHECKS];
		remembering.tryConsume(tight, "203.0.113.7");
		asking.tryConsume(tight, "203.0.113.7");
		for (int i = 0; i < CHECKS; i++) {
			long start = System.nanoTime();
			remembering.tryConsume(tight, "203.0.113.7");
			remembered[i] = System.nanoTime() - start;
			start = System.nanoTime();
			asking.tryConsume(tight, "203.0.113.7");
			asked[i] = System.nanoTime() - start;
		}
		System.out.println("refused check, flood of one key, refusal remembered: " + percentiles(remembered));
		System.out.println("refused check, flood of one key, Redis asked every time: " + percentiles(asked));
	}

	private static void jobDelivery(FoundationRedis instanceA, FoundationRedis instanceB) throws Exception {
		String prefix = "foundation:bench:" + UUID.randomUUID() + ":";
		JsonMapper json = JsonMapper.builder().build();
		RedisJobStreams publisherA = new RedisJobStreams(instanceA, prefix, Duration.ofMinutes(5), 10_000, json,
				(status) -> {
				});
		RedisJobStreams storeB = new RedisJobStreams(instanceB, prefix, Duration.ofMinutes(5), 10_000, json,
				(status) -> {
				});
		RedisJobSubscriptions subscriptionsB = subscriptions(storeB, instanceB);
		subscriptionsB.start();
		try {
			JobRef job = new JobRef("bench", UUID.randomUUID().toString());
			String first = publisherA.started(job);
			long[] latency = new long[EVENTS];
			AtomicInteger received = new AtomicInteger();
			CountDownLatch done = new CountDownLatch(1);
			ConcurrentHashMap<String, Long> sentAt = new ConcurrentHashMap<>();
			subscriptionsB.subscribe(job, null, first, new JobEventSink() {

				@Override
				public void send(JobEvent event) {
					String message = event.status().message();
					Long sent = (message != null) ? sentAt.get(message) : null;
					int index = received.getAndIncrement();
					if (sent != null && index < EVENTS) {
						latency[index] = System.nanoTime() - sent;
					}
				}

				@Override
				public void heartbeat() {
				}

				@Override
				public void complete() {
					done.countDown();
				}

			});
			for (int i = 0; i < EVENTS; i++) {
				String message = "m" + i;
				sentAt.put(message, System.nanoTime());
				publisherA.publish(job, new JobStatus(job.jobId(), JobState.PROGRESS, i * 100 / EVENTS, message, null,
						null, Instant.now()));
				// One event per millisecond, as a busy job would send at most.
				Thread.sleep(1);
			}
			publisherA.completed(job, null);
			if (!done.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Not every event arrived: " + received.get());
			}
			long[] warm = Arrays.copyOfRange(latency, 200, EVENTS);
			System.out
				.println("job event publish (A) -> delivery (B), " + warm.length + " events: " + percentiles(warm));
		}
		finally {
			subscriptionsB.stop();
		}
	}

	private static void manySubscribers(FoundationRedis instanceA, FoundationRedis instanceB) throws Exception {
		String prefix = "foundation:bench:" + UUID.randomUUID() + ":";
		JsonMapper json = JsonMapper.builder().build();
		RedisJobStreams publisherA = new RedisJobStreams(instanceA, prefix, Duration.ofMinutes(5), 1000, json,
				(status) -> {
				});
		RedisJobStreams storeB = new RedisJobStreams(instanceB, prefix, Duration.ofMinutes(5), 1000, json, (status) -> {
		});
		RedisJobSubscriptions subscriptionsB = subscriptions(storeB, instanceB);
		subscriptionsB.start();
		try {
			System.gc();
			long heapBefore = usedHeap();
			int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
			JobRef job = new JobRef("bench", UUID.randomUUID().toString());
			String first = publisherA.started(job);
			CountDownLatch completed = new CountDownLatch(SUBSCRIBERS);
			long[] lastEventAt = new long[1];
			long[] allDone = new long[1];
			for (int i = 0; i < SUBSCRIBERS; i++) {
				subscriptionsB.subscribe(job, null, first, new JobEventSink() {

					@Override
					public void send(JobEvent event) {
					}

					@Override
					public void heartbeat() {
					}

					@Override
					public void complete() {
						completed.countDown();
					}

				});
			}
			System.gc();
			long heapWith = usedHeap();
			int threadsWith = ManagementFactory.getThreadMXBean().getThreadCount();
			lastEventAt[0] = System.nanoTime();
			publisherA.completed(job, null);
			if (!completed.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Not every subscriber completed: " + completed.getCount() + " left");
			}
			allDone[0] = System.nanoTime();
			System.out.printf(
					"%d subscribers on one instance: heap +%.1f MB (%.1f KB each), threads %d -> %d;"
							+ " terminal event reached all in %.1f ms%n",
					SUBSCRIBERS, (heapWith - heapBefore) / 1e6, (heapWith - heapBefore) / 1e3 / SUBSCRIBERS,
					threadsBefore, threadsWith, (allDone[0] - lastEventAt[0]) / 1e6);
		}
		finally {
			subscriptionsB.stop();
		}
	}

	private static RedisJobSubscriptions subscriptions(RedisJobStreams store, FoundationRedis redis) {
		var executor = (Runtime.version().feature() >= 21) ? new VirtualThreadTaskExecutor("bench-jobs-")
				: Executors.newFixedThreadPool(4);
		return new RedisJobSubscriptions(store, redis, store.channel(), executor, Duration.ofSeconds(15),
				Duration.ofSeconds(5), (lag) -> {
				});
	}

	private static long usedHeap() {
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

	private static String percentiles(long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return String.format("p50 %.3f ms, p99 %.3f ms, max %.3f ms (n=%d)", at(sorted, 0.50), at(sorted, 0.99),
				sorted[sorted.length - 1] / 1e6, sorted.length);
	}

	private static double at(long[] sorted, double quantile) {
		return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))] / 1e6;
	}

}
