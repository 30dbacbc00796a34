package dev.foundation.sample;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import dev.foundation.sample.LoadGenerator.Result;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's PostgreSQL killed (SIGKILL) under a steady load and restarted on the same
 * port: every request during the outage is answered 503 problem+json with Retry-After in
 * well under a second, none 500, none hangs; readiness goes down and liveness stays up;
 * after the restart requests succeed again within seconds, without restarting the app;
 * every write that got a 2xx is in the database and none that got a 503 is half there.
 */
class DatabaseOutageIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final int CLIENTS = 6;

	private static final int SATURATING_CLIENTS = 64;

	private static final Duration SATURATION = Duration.ofSeconds(20);

	private static OutageTestApplication app;

	@BeforeAll
	static void start() throws Exception {
		app = OutageTestApplication.start(Map.of());
	}

	@AfterAll
	static void stop() throws Exception {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void outageIsAnsweredFastWith503AndTheAppRecoversWhenTheDatabaseReturns() throws Exception {
		String contactId = createContact();
		long killingAt;
		long killedAt;
		long restartedAt;
		long restartDoneAt;
		HttpResponse<String> readinessDuringOutage;
		HttpResponse<String> livenessDuringOutage;
		HttpResponse<String> uncachedTenantDuringOutage;
		long readyAgainAt;
		try (LoadGenerator load = new LoadGenerator(app, contactId, CLIENTS, 0.3)) {
			Thread.sleep(2_000);
			killingAt = System.nanoTime();
			app.postgres.kill();
			killedAt = System.nanoTime();
			Thread.sleep(2_000);
			readinessDuringOutage = app.send(app.anonymous("/actuator/health/readiness"));
			livenessDuringOutage = app.send(app.anonymous("/actuator/health/liveness"));
			// A tenant nobody resolved yet: the tenant resolution filter must look it up
			// in the database.
			uncachedTenantDuringOutage = app
				.send(app.request("/api/v1/contacts").header("X-Tenant-Id", "no-such-tenant"));
			Thread.sleep(4_000);
			restartedAt = System.nanoTime();
			app.postgres.restart();
			restartDoneAt = System.nanoTime();
			readyAgainAt = awaitReadiness();
			Thread.sleep(3_000);
			load.close();
			check(load.results(), killingAt, killedAt, restartedAt, restartDoneAt, readyAgainAt);
		}
		assertThat(readinessDuringOutage.statusCode()).isEqualTo(503);
		assertThat(readinessDuringOutage.body()).isEqualTo("{\"status\":\"DOWN\"}");
		assertThat(livenessDuringOutage.statusCode()).isEqualTo(200);
		assertProblem503(uncachedTenantDuringOutage.statusCode(),
				uncachedTenantDuringOutage.headers().firstValue("Content-Type").orElse(null),
				uncachedTenantDuringOutage.headers().firstValue("Retry-After").orElse(null),
				uncachedTenantDuringOutage.body());
	}

	/**
	 * The fail-fast pool timeout (500 ms) must not turn a pool that is merely busy into
	 * 503s: many more clients than connections, for a while, and not one fails.
	 */
	@Test
	void saturatedPoolMakesRequestsQueueNotFail() throws Exception {
		String contactId = createContact();
		HikariPoolMXBean pool = app.context.getBean(DataSource.class)
			.unwrap(HikariDataSource.class)
			.getHikariPoolMXBean();
		int maxWaiting = 0;
		List<Result> results;
		try (LoadGenerator load = new LoadGenerator(app, contactId, SATURATING_CLIENTS, 0, Duration.ofSeconds(60))) {
			long end = System.nanoTime() + SATURATION.toNanos();
			while (System.nanoTime() < end) {
				maxWaiting = Math.max(maxWaiting, pool.getThreadsAwaitingConnection());
				Thread.sleep(10);
			}
			load.close();
			results = load.results();
		}
		System.out.printf(
				"Saturated pool: %d clients, pool of %d, %d requests in %d s (p50 %d ms, p99 %d ms, max %d ms),"
						+ " up to %d threads waiting for a connection, %d answered 503, %d failed otherwise%n",
				SATURATING_CLIENTS, pool.getTotalConnections(), results.size(), SATURATION.toSeconds(),
				LoadGenerator.percentileMillis(results, 50), LoadGenerator.percentileMillis(results, 99),
				LoadGenerator.percentileMillis(results, 100), maxWaiting,
				results.stream().filter((r) -> r.status() == 503).count(),
				results.stream().filter((r) -> !r.succeeded() && r.status() != 503).count());
		assertThat(results).isNotEmpty().allSatisfy((r) -> assertThat(r.succeeded()).as(r.toString()).isTrue());
	}

	private void check(List<Result> results, long killingAt, long killedAt, long restartedAt, long restartDoneAt,
			long readyAgainAt) throws Exception {
		List<Result> before = results.stream().filter((r) -> r.end() < killingAt).toList();
		List<Result> during = results.stream().filter((r) -> r.start() > killedAt && r.end() < restartedAt).toList();
		List<Result> after = results.stream().filter((r) -> r.start() > restartDoneAt).toList();
		@Nullable Result firstSuccessAfter = after.stream().filter(Result::succeeded).findFirst().orElse(null);
		@Nullable Result lastFailureAfter = after.stream().filter((r) -> !r.succeeded()).reduce((a, b) -> b).orElse(null);
		System.out.printf(
				"Database outage: %d requests before (p99 %d ms), %d during the outage (p50 %d ms, p99 %d ms, max %d ms),"
						+ " %d after the restart; first success %d ms after the restart, last 503 ended %d ms after it,"
						+ " readiness UP %d ms after it%n",
				before.size(), LoadGenerator.percentileMillis(before, 99), during.size(),
				LoadGenerator.percentileMillis(during, 50), LoadGenerator.percentileMillis(during, 99),
				LoadGenerator.percentileMillis(during, 100), after.size(),
				(firstSuccessAfter != null) ? (firstSuccessAfter.end() - restartDoneAt) / 1_000_000 : -1,
				(lastFailureAfter != null) ? (lastFailureAfter.end() - restartDoneAt) / 1_000_000 : 0,
				(readyAgainAt - restartDoneAt) / 1_000_000);
		// Whatever the moment: a success or an honest 503, never a 500, a reset or a
		// hang.
		assertThat(results).allSatisfy((r) -> assertThat(r.succeeded() || r.status() == 503).as(r.toString()).isTrue());
		assertThat(before).isNotEmpty().allSatisfy((r) -> assertThat(r.succeeded()).as(r.toString()).isTrue());
		assertThat(during).hasSizeGreaterThan(CLIENTS * 10);
		for (Result r : during) {
			assertProblem503(r.status(), r.contentType(), r.retryAfter(), r.body());
		}
		assertThat(LoadGenerator.percentileMillis(during, 99)).isLessThan(1_000);
		assertThat(firstSuccessAfter).isNotNull();
		assertThat((Objects.requireNonNull(firstSuccessAfter).end() - restartDoneAt) / 1_000_000).isLessThan(10_000);
		// Once the app succeeds again, it keeps succeeding.
		assertThat(after.stream().filter((r) -> r.start() > readyAgainAt).toList()).isNotEmpty()
			.allSatisfy((r) -> assertThat(r.succeeded()).as(r.toString()).isTrue());
		checkWrites(results);
	}

	private static void assertProblem503(int status, @Nullable String contentType, @Nullable String retryAfter,
			String body) throws Exception {
		assertThat(status).as(body).isEqualTo(503);
		assertThat(contentType).isEqualTo("application/problem+json");
		assertThat(retryAfter).isNotNull();
		assertThat(Integer.parseInt(Objects.requireNonNull(retryAfter))).isBetween(1, 10);
		JsonNode problem = json.readTree(body);
		assertThat(problem.path("type").asString()).isEqualTo("https://foundation.dev/problems/service-unavailable");
		assertThat(problem.path("service").asString()).isEqualTo("database");
		assertThat(problem.path("correlationId").asString()).isNotBlank();
		assertThat(body).doesNotContain("Exception").doesNotContain("localhost");
	}

	// As the superuser, which row-level security does not restrict: every acknowledged
	// write is there, and a write answered 503 is either absent or whole.
	private static void checkWrites(List<Result> results) throws Exception {
		Map<String, String> stored = new HashMap<>();
		try (Connection connection = app.postgres.superuserDataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select name, email from contacts where name like 'load-%'")) {
			while (rows.next()) {
				stored.put(rows.getString(1), rows.getString(2));
			}
		}
		List<Result> writes = results.stream().filter(Result::isWrite).toList();
		assertThat(writes.stream().filter(Result::succeeded)).isNotEmpty()
			.allSatisfy((r) -> assertThat(stored).containsKey(r.writtenName()));
		assertThat(writes.stream().filter((r) -> r.status() == 503)).isNotEmpty()
			.allSatisfy((r) -> assertThat(stored.get(r.writtenName())).isIn(null, r.writtenName() + "@example.com"));
	}

	// The first requests load classes and fetch the issuer's keys: given time, and
	// repeated, before the load is measured.
	private static String createContact() throws Exception {
		String id = "";
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> created = app.send(app.request("/api/v1/contacts")
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(60))
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")));
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			id = json.readTree(created.body()).path("id").asString();
			assertThat(app.send(app.request("/api/v1/contacts/" + id).timeout(Duration.ofSeconds(60))).statusCode())
				.isEqualTo(200);
		}
		return id;
	}

	private static long awaitReadiness() throws Exception {
		long deadline = System.nanoTime() + 20_000_000_000L;
		while (System.nanoTime() < deadline) {
			if (app.send(app.anonymous("/actuator/health/readiness")).statusCode() == 200) {
				return System.nanoTime();
			}
			Thread.sleep(100);
		}
		throw new AssertionError("Readiness not UP within 20 s of the restart");
	}

}
