package dev.foundation.core.redis;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import dev.foundation.core.jobs.JobRef;
import dev.foundation.core.jobs.JobStatusPublisher;
import dev.foundation.test.auth.TestJwtIssuer;
import dev.foundation.test.embedded.EmbeddedRedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis stopped under a running instance (a {@code redis-server} this test starts on a
 * free port and stops): requests go on, limits fail open (or closed where a rule says
 * so), failures are counted, and everything works again once Redis is back, without a
 * restart.
 */
class RedisOutageIntegrationTests {

	private static final TestJwtIssuer issuer = TestJwtIssuer.start();

	private static EmbeddedRedisServer redis;

	private static TestInstances instances;

	@BeforeAll
	static void start() throws Exception {
		redis = EmbeddedRedisServer.start();
		instances = new TestInstances(1, issuer, "redis://" + redis.host() + ":" + redis.port(),
				TestInstances.properties("foundation.redis.command-timeout", "300ms", //
						"foundation.redis.outage-pause", "200ms", //
						"foundation.rate-limit.rules[0].name", "open", //
						"foundation.rate-limit.rules[0].match", "/limited/tenant", //
						"foundation.rate-limit.rules[0].per", "tenant", //
						"foundation.rate-limit.rules[0].limit", "2/1m", //
						"foundation.rate-limit.rules[1].name", "closed", //
						"foundation.rate-limit.rules[1].match", "/limited/closed", //
						"foundation.rate-limit.rules[1].per", "tenant", //
						"foundation.rate-limit.rules[1].limit", "100/1m", //
						"foundation.rate-limit.rules[1].fail-closed", "true"));
	}

	@AfterAll
	static void stop() throws Exception {
		instances.close();
		redis.close();
		issuer.close();
	}

	@Test
	void requestsSucceedWhileRedisIsDownAndEverythingRecoversWithoutRestart() throws Exception {
		String tenant = "tenant-" + UUID.randomUUID();
		assertThat(status("/limited/tenant", tenant)).isEqualTo(200);
		assertThat(status("/limited/closed", tenant)).isEqualTo(200);
		JobStatusPublisher jobs = instances.context(0).getBean(JobStatusPublisher.class);
		JobRef job = new JobRef(tenant, UUID.randomUUID().toString());
		assertThat(jobs.started(job)).isNotNull();

		redis.stop();
		try {
			long started = System.nanoTime();
			for (int request = 0; request < 6; request++) {
				assertThat(status("/limited/tenant", tenant)).as("fail-open while Redis is down").isEqualTo(200);
			}
			// One command timeout per outage pause at most, not one per request.
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
			assertThat(status("/limited/closed", tenant)).as("fail-closed rule").isEqualTo(503);
			assertThat(jobs.progress(job, 50, "lost")).as("publishing does not throw").isNull();
			HttpResponse<String> jobStatus = instances.get(0, "/api/v1/jobs/" + job.jobId(), "user", tenant);
			assertThat(jobStatus.statusCode()).isEqualTo(503);
			assertThat(jobStatus.body()).contains("external-service-failure");
			MeterRegistry meters = instances.context(0).getBean(MeterRegistry.class);
			assertThat(
					meters.counter("foundation.ratelimit.decisions", "policy", "open", "outcome", "fail-open").count())
				.isGreaterThanOrEqualTo(6);
			assertThat(meters.counter("foundation.redis.failures", "feature", "rate-limit").count()).isPositive();
		}
		finally {
			redis.restart();
		}

		String fresh = "tenant-" + UUID.randomUUID();
		awaitStatus("/limited/closed", fresh, 200);
		assertThat(status("/limited/tenant", fresh)).isEqualTo(200);
		assertThat(status("/limited/tenant", fresh)).isEqualTo(200);
		assertThat(status("/limited/tenant", fresh)).as("counted again after recovery").isEqualTo(429);
		// Redis came back empty (nothing is kept on disk): a new job works end to end.
		JobRef after = new JobRef(fresh, UUID.randomUUID().toString());
		assertThat(jobs.started(after)).isNotNull();
		try (SseTestClient client = SseTestClient.open(instances.client(),
				instances.request(0, "/api/v1/jobs/" + after.jobId() + "/events", "user", fresh).GET().build())) {
			assertThat(client.next(Duration.ofSeconds(10)).name()).isEqualTo("started");
			jobs.completed(after, null);
			assertThat(client.awaitEnd(Duration.ofSeconds(10))).extracting(SseTestClient.Event::name)
				.containsExactly("completed");
		}
	}

	private static int status(String path, String tenant) throws Exception {
		HttpResponse<String> response = instances.get(0, path, "user", tenant);
		return response.statusCode();
	}

	private static void awaitStatus(String path, String tenant, int expected) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		int last;
		do {
			last = status(path, tenant);
			if (last == expected) {
				return;
			}
			Thread.sleep(100);
		}
		while (System.nanoTime() < deadline);
		assertThat(last).as("status after Redis came back").isEqualTo(expected);
	}

}
