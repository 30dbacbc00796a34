package dev.foundation.sample;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.foundation.sample.LoadGenerator.Result;
import dev.foundation.tenancy.Tenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's Redis killed (SIGKILL) under a steady load and restarted on the same port:
 * requests keep succeeding throughout (the tenant cache falls back to the database),
 * readiness stays UP (Redis is not required by default), and once Redis is back the
 * tenant cache writes to it again and the invalidation subscription is restored, without
 * restarting the app.
 */
class RedisOutageIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String CHANNEL = "foundation:cache:invalidations";

	private static OutageTestApplication app;

	@BeforeAll
	static void start() throws Exception {
		// No in-process tier: every tenant lookup goes to Redis (or, without it, to the
		// database), so that its use is seen.
		app = OutageTestApplication.start(Map.of("foundation.tenancy.resolution.cache-ttl", "0s"));
	}

	@AfterAll
	static void stop() throws Exception {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void requestsKeepSucceedingAndTheTenantCacheUsesRedisAgainWhenItReturns() throws Exception {
		String contactId = createContact();
		assertThat(keyCount()).isPositive();
		awaitSubscribed();
		long killedAt;
		long restartedAt;
		HttpResponse<String> readinessDuringOutage;
		HttpResponse<String> livenessDuringOutage;
		List<Result> results;
		try (LoadGenerator load = new LoadGenerator(app, contactId, 6, 0.3)) {
			Thread.sleep(2_000);
			app.redis.kill();
			killedAt = System.nanoTime();
			Thread.sleep(2_500);
			readinessDuringOutage = app.send(app.anonymous("/actuator/health/readiness"));
			livenessDuringOutage = app.send(app.anonymous("/actuator/health/liveness"));
			Thread.sleep(2_500);
			restartedAt = System.nanoTime();
			app.redis.restart();
			// A tenant resolved for the first time after the restart: looked up in the
			// database and written to Redis again.
			Tenant fresh = app.createTenant("after-redis");
			awaitKeys(fresh);
			awaitSubscribed();
			load.close();
			results = load.results();
		}
		List<Result> during = results.stream().filter((r) -> r.start() > killedAt && r.end() < restartedAt).toList();
		System.out.printf("Redis outage: %d requests, %d during the outage (p50 %d ms, p99 %d ms, max %d ms)%n",
				results.size(), during.size(), LoadGenerator.percentileMillis(during, 50),
				LoadGenerator.percentileMillis(during, 99), LoadGenerator.percentileMillis(during, 100));
		assertThat(during).hasSizeGreaterThan(10);
		assertThat(results).allSatisfy((r) -> assertThat(r.succeeded()).as(r.toString()).isTrue());
		assertThat(readinessDuringOutage.statusCode()).isEqualTo(200);
		assertThat(readinessDuringOutage.body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(livenessDuringOutage.statusCode()).isEqualTo(200);
	}

	private static int keyCount() throws Exception {
		String answer = app.redisCommand("DBSIZE").trim();
		assertThat(answer).startsWith(":");
		return Integer.parseInt(answer.substring(1));
	}

	private static void awaitKeys(Tenant tenant) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			assertThat(app.send(app.request("/api/v1/contacts", tenant)).statusCode()).isEqualTo(200);
			// Only this tenant's entries prove it: other keys (e.g. a bump made during
			// the
			// outage, retried) may be written first.
			String keys = app.redisCommand("KEYS", "*{" + tenant.id() + "}:foundation-tenants:v*").trim();
			if (!keys.startsWith("*0")) {
				return;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("The tenant cache wrote nothing to Redis within 20 s of its return");
	}

	// PUBSUB NUMSUB answers the channel and its number of subscribers.
	private static void awaitSubscribed() throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			if (app.redisCommand("PUBSUB", "NUMSUB", CHANNEL).trim().endsWith(":1")) {
				return;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("Not subscribed to " + CHANNEL + " within 20 s");
	}

	private static String createContact() throws Exception {
		HttpResponse<String> created = app.send(app.request("/api/v1/contacts")
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return json.readTree(created.body()).path("id").asString();
	}

}
