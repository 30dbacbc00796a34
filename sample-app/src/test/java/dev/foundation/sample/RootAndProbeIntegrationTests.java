package dev.foundation.sample;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root answer (the floor of the request path) and the quiet health probes, over real HTTP.
 */
class RootAndProbeIntegrationTests extends SampleIntegrationTestSupport {

	@Test
	void rootAnswersOkToAnyoneWithoutATenant() throws Exception {
		HttpResponse<String> response = send(anonymous("/"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
		assertThat(requestId(response)).isNotBlank();
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
