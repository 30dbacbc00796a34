package dev.foundation.sample;

import java.net.http.HttpResponse;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root answer (the floor of the request path), the quiet health probes and what is
 * observed per request, over real HTTP.
 */
class RootAndProbeIntegrationTests extends SampleIntegrationTestSupport {

	@Autowired
	MeterRegistry meters;

	@Test
	void rootAnswersOkToAnyoneWithoutATenant() throws Exception {
		HttpResponse<String> response = send(anonymous("/"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
		assertThat(requestId(response)).isNotBlank();
	}

	@Test
	void securityFiltersAreNotObservedOneByOneButRequestsAndAuthorizationsAre() throws Exception {
		assertThat(send(request("/api/v1/contacts")).statusCode()).isEqualTo(200);
		assertThat(this.meters.find("http.server.requests").timers()).isNotEmpty();
		assertThat(this.meters.find("spring.security.authorizations").timers()).isNotEmpty();
		assertThat(this.meters.getMeters()).extracting((meter) -> meter.getId().getName())
			.noneMatch((name) -> name.startsWith("spring.security.filterchain"));
	}

	@Test
	void probesAreNotLoggedButOtherRequestsAre(CapturedOutput output) throws Exception {
		String probe = "probe-" + UUID.randomUUID();
		String root = "root-" + UUID.randomUUID();
		for (String path : new String[] { "/actuator/health/liveness", "/actuator/health/readiness",
				"/api/v1/public/health", "/api/v1/public/health/ready" }) {
			assertThat(send(anonymous(path).header("X-Request-Id", probe)).statusCode()).isEqualTo(200);
		}
		assertThat(send(anonymous("/").header("X-Request-Id", root)).statusCode()).isEqualTo(200);
		assertThat(output.getOut()).doesNotContain("\"correlation_id\":\"" + probe + "\"")
			.contains("\"correlation_id\":\"" + root + "\"");
	}

}
