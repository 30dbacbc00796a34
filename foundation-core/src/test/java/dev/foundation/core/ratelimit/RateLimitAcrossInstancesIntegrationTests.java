package dev.foundation.core.ratelimit;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.foundation.core.redis.TestInstances;
import dev.foundation.test.TestRedis;
import dev.foundation.test.auth.TestJwtIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances sharing one Redis count every request against the same buckets.
 */
class RateLimitAcrossInstancesIntegrationTests {

	private static final TestJwtIssuer issuer = TestJwtIssuer.start();

	private static final String PREFIX = "foundation:test:" + UUID.randomUUID() + ":";

	private static TestInstances instances;

	@BeforeAll
	static void start() {
		instances = new TestInstances(2, issuer, TestRedis.shared().url(),
				Map.of("foundation.rate-limit.key-prefix", PREFIX, //
						"foundation.rate-limit.rules[0].name", "per-tenant", //
						"foundation.rate-limit.rules[0].match", "/limited/tenant", //
						"foundation.rate-limit.rules[0].per", "tenant", //
						"foundation.rate-limit.rules[0].limit", "5/1m"));
	}

	@AfterAll
	static void stop() {
		instances.close();
		issuer.close();
	}

	@Test
	void limitOfNPerMinuteAdmitsExactlyNAcrossBothInstances() throws Exception {
		String tenant = "tenant-" + UUID.randomUUID();
		List<Integer> statuses = new ArrayList<>();
		HttpResponse<String> rejected = null;
		for (int request = 0; request < 12; request++) {
			HttpResponse<String> response = instances.get(request % 2, "/limited/tenant", "user-" + request, tenant);
			statuses.add(response.statusCode());
			if (response.statusCode() == 429 && rejected == null) {
				rejected = response;
			}
		}

		assertThat(statuses.stream().filter((status) -> status == 200)).hasSize(5);
		assertThat(statuses.stream().filter((status) -> status == 429)).hasSize(7);
		assertThat(statuses.subList(0, 5)).containsOnly(200);
		assertThat(rejected).isNotNull();
		assertThat(rejected.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("application/problem+json");
		assertThat(rejected.body()).contains("rate-limited");
		long retryAfter = Long.parseLong(rejected.headers().firstValue(HttpHeaders.RETRY_AFTER).orElseThrow());
		assertThat(retryAfter).isBetween(1L, 60L);
		assertThat(rejected.headers().firstValue("RateLimit-Policy")).hasValue("\"per-tenant\";q=5;w=60");
		assertThat(rejected.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"per-tenant\";r=0;t=");
		MeterRegistry meters = instances.context(0).getBean(MeterRegistry.class);
		assertThat(
				meters.counter("foundation.ratelimit.decisions", "policy", "per-tenant", "outcome", "rejected").count())
			.isGreaterThan(0);
	}

	@Test
	void admittedRequestsCarryTheRemainingQuota() throws Exception {
		String tenant = "tenant-" + UUID.randomUUID();

		HttpResponse<String> first = instances.get(0, "/limited/tenant", "user", tenant);
		HttpResponse<String> second = instances.get(1, "/limited/tenant", "user", tenant);

		assertThat(first.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"per-tenant\";r=4;t=");
		assertThat(second.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"per-tenant\";r=3;t=");
	}

	@Test
	void eachTenantHasItsOwnBucket() throws Exception {
		String exhausted = "tenant-" + UUID.randomUUID();
		for (int request = 0; request < 6; request++) {
			instances.get(0, "/limited/tenant", "user", exhausted);
		}

		assertThat(instances.get(1, "/limited/tenant", "user", exhausted).statusCode()).isEqualTo(429);
		assertThat(instances.get(1, "/limited/tenant", "user", "tenant-" + UUID.randomUUID()).statusCode())
			.isEqualTo(200);
	}

	@Test
	void annotatedHandlerIsLimitedPerUserAcrossInstances() throws Exception {
		String user = "user-" + UUID.randomUUID();
		List<Integer> statuses = new ArrayList<>();
		for (int request = 0; request < 5; request++) {
			statuses.add(instances.get(request % 2, "/annotated", user, "tenant").statusCode());
		}

		assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
		assertThat(instances.get(0, "/annotated", "user-" + UUID.randomUUID(), "tenant").statusCode()).isEqualTo(200);
	}

	@Test
	void unlimitedPathsCarryNoRateLimitHeaders() throws Exception {
		HttpResponse<String> response = instances.get(0, "/free", "user", "tenant");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("RateLimit")).isEmpty();
	}

}
