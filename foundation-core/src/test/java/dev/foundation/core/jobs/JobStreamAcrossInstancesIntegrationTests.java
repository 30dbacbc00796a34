package dev.foundation.core.jobs;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.foundation.core.redis.SseTestClient;
import dev.foundation.core.redis.SseTestClient.Event;
import dev.foundation.core.redis.TestInstances;
import dev.foundation.test.TestRedis;
import dev.foundation.test.auth.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances sharing one Redis: a job's events published on one reach SSE clients of
 * the other, in order, resumable, and only for the job's tenant.
 */
class JobStreamAcrossInstancesIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final TestJwtIssuer issuer = TestJwtIssuer.start();

	private static TestInstances instances;

	private final String tenant = "tenant-" + UUID.randomUUID();

	private final JobRef job = new JobRef(this.tenant, UUID.randomUUID().toString());

	@BeforeAll
	static void start() {
		instances = new TestInstances(2, issuer, TestRedis.shared().url(),
				TestInstances.properties("foundation.jobs.key-prefix", "foundation:test:" + UUID.randomUUID() + ":",
						"foundation.jobs.heartbeat", "300ms", "foundation.jobs.ttl", "5m"));
	}

	@AfterAll
	static void stop() {
		instances.close();
		issuer.close();
	}

	@Test
	void sseClientOnInstanceBReceivesEveryEventPublishedOnInstanceAInOrder() throws Exception {
		JobStatusPublisher onA = publisher(0);
		onA.started(this.job);
		try (SseTestClient client = open(1, this.job.jobId(), null)) {
			assertThat(client.status()).isEqualTo(200);
			assertThat(client.response().headers().firstValue(HttpHeaders.CONTENT_TYPE).orElseThrow())
				.startsWith("text/event-stream");
			assertThat(client.next(WAIT).name()).isEqualTo("started");
			for (int step = 1; step <= 30; step++) {
				onA.progress(this.job, step * 3, "step " + step);
			}
			onA.completed(this.job, "/api/v1/results/42");

			List<Event> events = new ArrayList<>(client.awaitEnd(WAIT));

			assertThat(events).hasSize(31);
			for (int step = 1; step <= 30; step++) {
				assertThat(events.get(step - 1).name()).isEqualTo("progress");
				assertThat(events.get(step - 1).data()).contains("\"message\":\"step " + step + "\"");
			}
			assertThat(events.get(30).name()).isEqualTo("completed");
			assertThat(events.get(30).data()).contains("/api/v1/results/42");
			assertThat(events).extracting(Event::id).doesNotHaveDuplicates().isSortedAccordingTo(StreamIds::compare);
		}
	}

	@Test
	void resumesAfterADisconnectWithLastEventIdWithoutGapsOrDuplicates() throws Exception {
		JobStatusPublisher onA = publisher(0);
		onA.started(this.job);
		String lastSeen;
		try (SseTestClient client = open(1, this.job.jobId(), null)) {
			assertThat(client.next(WAIT).name()).isEqualTo("started");
			onA.progress(this.job, 10, "one");
			onA.progress(this.job, 20, "two");
			assertThat(client.next(WAIT).data()).contains("\"one\"");
			Event two = client.next(WAIT);
			assertThat(two.data()).contains("\"two\"");
			lastSeen = two.id();
		}
		onA.progress(this.job, 30, "three");
		onA.progress(this.job, 40, "four");
		onA.completed(this.job, null);

		try (SseTestClient resumed = open(1, this.job.jobId(), lastSeen)) {
			List<Event> events = resumed.awaitEnd(WAIT);

			assertThat(events).extracting(Event::name).containsExactly("progress", "progress", "completed");
			assertThat(events.get(0).data()).contains("\"three\"");
			assertThat(events.get(1).data()).contains("\"four\"");
		}
	}

	@Test
	void lateSubscriberGetsTheStoredStateAndTheStreamClosesAfterTheTerminalEvent() throws Exception {
		JobStatusPublisher onA = publisher(0);
		onA.started(this.job);
		onA.progress(this.job, 50, "half");
		onA.failed(this.job, "external-service-failure");

		try (SseTestClient client = open(1, this.job.jobId(), null)) {
			List<Event> events = client.awaitEnd(WAIT);

			assertThat(events).extracting(Event::name).containsExactly("failed");
			assertThat(events.get(0).data()).contains("external-service-failure");
		}
		HttpResponse<String> status = instances.get(1, "/api/v1/jobs/" + this.job.jobId(), "user", this.tenant);
		assertThat(status.statusCode()).isEqualTo(200);
		assertThat(status.body()).contains("\"state\":\"FAILED\"");
	}

	@Test
	void malformedLastEventIdGetsAFreshStreamFromTheStoredState() throws Exception {
		JobStatusPublisher onA = publisher(0);
		onA.started(this.job);
		onA.progress(this.job, 70, "stored");
		for (String malformed : List.of("garbage", "99999999999999-0", "-1", "1-2-3", "", "0-0 event: x",
				"1-99999999999999999999")) {
			try (SseTestClient client = open(1, this.job.jobId(), malformed)) {
				assertThat(client.status()).as(malformed).isEqualTo(200);
				Event first = client.next(WAIT);
				assertThat(first.name()).as(malformed).isEqualTo("progress");
				assertThat(first.data()).as(malformed).contains("\"stored\"");
			}
		}
	}

	@Test
	void tenantCannotReadOrSubscribeToAnotherTenantsJob() throws Exception {
		publisher(0).started(this.job);
		String other = "tenant-" + UUID.randomUUID();

		HttpResponse<String> status = instances.get(1, "/api/v1/jobs/" + this.job.jobId(), "user", other);
		try (SseTestClient stream = open(1, this.job.jobId(), null, other)) {
			assertThat(status.statusCode()).isEqualTo(404);
			assertThat(status.body()).contains("not-found").doesNotContain(this.tenant);
			assertThat(stream.status()).isEqualTo(404);
		}
		String unknownId = UUID.randomUUID().toString();
		HttpResponse<String> unknown = instances.get(1, "/api/v1/jobs/" + unknownId, "user", other);
		assertThat(unknown.statusCode()).isEqualTo(404);
		// The same answer as for a job that does not exist: no existence leak.
		assertThat(unknown.body()).isEqualTo(
				status.body().replace(correlation(status), correlation(unknown)).replace(this.job.jobId(), unknownId));
		assertThat(instances.get(1, "/api/v1/jobs/" + this.job.jobId(), "user", this.tenant).statusCode())
			.isEqualTo(200);
	}

	@Test
	void malformedJobIdIsNotFound() throws Exception {
		assertThat(instances.get(0, "/api/v1/jobs/%7Bx%7D", "user", this.tenant).statusCode()).isEqualTo(404);
		assertThat(instances.get(0, "/api/v1/jobs/" + "a".repeat(101), "user", this.tenant).statusCode())
			.isEqualTo(404);
	}

	@Test
	void idleStreamsGetHeartbeats() throws Exception {
		publisher(0).started(this.job);
		try (SseTestClient client = open(0, this.job.jobId(), null)) {
			client.next(WAIT);
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (client.comments().isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(client.comments()).contains("heartbeat");
		}
	}

	@Test
	void openStreamsHoldNoServerThread() throws Exception {
		publisher(0).started(this.job);
		List<java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>>> streams = new ArrayList<>();
		for (int client = 0; client < 50; client++) {
			streams.add(instances.client()
				.sendAsync(instances.request(1, "/api/v1/jobs/" + this.job.jobId() + "/events", "user", this.tenant)
					.GET()
					.build(), HttpResponse.BodyHandlers.ofLines()));
		}
		for (var stream : streams) {
			// Generous: 50 connections, token checks and Redis reads on a loaded 2-core
			// CI box.
			assertThat(stream.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		}
		var subscriptions = instances.context(1).getBean(dev.foundation.core.jobs.internal.RedisJobSubscriptions.class);
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (subscriptions.subscriberCount() < 50 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(subscriptions.subscriberCount()).isGreaterThanOrEqualTo(50);
		var tomcat = (org.springframework.boot.tomcat.TomcatWebServer) ((org.springframework.boot.web.server.context.WebServerApplicationContext) instances
			.context(1)).getWebServer();
		var executor = (org.apache.tomcat.util.threads.ThreadPoolExecutor) tomcat.getTomcat()
			.getConnector()
			.getProtocolHandler()
			.getExecutor();
		assertThat(executor.getActiveCount()).as("request threads busy with 50 open streams").isLessThan(10);

		publisher(0).completed(this.job, null);
		for (var stream : streams) {
			assertThat(stream.get().body().filter((line) -> line.startsWith("event:")).toList())
				.containsExactly("event:started", "event:completed");
		}
	}

	private static String correlation(HttpResponse<String> response) {
		return response.headers().firstValue("X-Request-Id").orElseThrow();
	}

	private static JobStatusPublisher publisher(int instance) {
		return instances.context(instance).getBean(JobStatusPublisher.class);
	}

	private SseTestClient open(int instance, String jobId, String lastEventId) throws Exception {
		return open(instance, jobId, lastEventId, this.tenant);
	}

	private static SseTestClient open(int instance, String jobId, String lastEventId, String tenant) throws Exception {
		HttpRequest.Builder request = instances.request(instance, "/api/v1/jobs/" + jobId + "/events", "user", tenant)
			.header(HttpHeaders.ACCEPT, "text/event-stream");
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		return SseTestClient.open(instances.client(), request.GET().build());
	}

	/** Orders Redis stream ids. */
	static final class StreamIds {

		static int compare(String left, String right) {
			String[] l = left.split("-");
			String[] r = right.split("-");
			int byTime = Long.compare(Long.parseLong(l[0]), Long.parseLong(r[0]));
			return (byTime != 0) ? byTime : Long.compare(Long.parseLong(l[1]), Long.parseLong(r[1]));
		}

	}

}
