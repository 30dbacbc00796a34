package dev.foundation.core.error.web;

import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test application shared by the problem-detail tests: one context, served by a real
 * Tomcat on a random port and reachable through MockMvc as well.
 */
@SpringBootTest(classes = ProblemDetailTestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "foundation.errors.type-base-uri=" + ProblemDetailTestApplication.TYPE_BASE,
				"spring.servlet.multipart.max-file-size=1KB", "spring.servlet.multipart.max-request-size=64KB",
				"spring.main.banner-mode=off" })
@AutoConfigureMockMvc
abstract class ProblemDetailWebTestSupport {

	/**
	 * An HTTP answer, whichever client received it.
	 *
	 * @param status the status code
	 * @param headers the response headers (names lower-cased)
	 * @param body the body
	 */
	record Answer(int status, Map<String, List<String>> headers, String body) {

		String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase());
			return (values != null && !values.isEmpty()) ? values.get(0) : null;
		}

		<T> T json(String path) {
			return JsonPath.read(this.body, path);
		}

		boolean has(String path) {
			try {
				JsonPath.read(this.body, path);
				return true;
			}
			catch (PathNotFoundException ex) {
				return false;
			}
		}

		/**
		 * Asserts the members every foundation problem carries.
		 * @return this answer
		 */
		Answer isProblem(int expectedStatus, @Nullable String slug, String title, String detail, String instance) {
			assertThat(this.status).as("status of %s", this.body).isEqualTo(expectedStatus);
			assertThat(MediaType.parseMediaType(header("Content-Type"))
				.equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON)).as("Content-Type %s", header("Content-Type"))
				.isTrue();
			assertThat((String) json("$.type"))
				.isEqualTo((slug != null) ? ProblemDetailTestApplication.TYPE_BASE + slug : "about:blank");
			assertThat((String) json("$.title")).isEqualTo(title);
			assertThat((Integer) json("$.status")).isEqualTo(expectedStatus);
			assertThat((String) json("$.detail")).isEqualTo(detail);
			assertThat((String) json("$.instance")).isEqualTo(instance);
			String requestId = header("X-Request-Id");
			assertThat(requestId).isNotBlank();
			assertThat((String) json("$.correlationId")).isEqualTo(requestId);
			return this;
		}

		/**
		 * Asserts that none of the given strings reached the client, in the body or a
		 * header.
		 * @return this answer
		 */
		Answer doesNotReveal(String... secrets) {
			assertThat(this.body).doesNotContain(secrets);
			this.headers.values()
				.forEach((values) -> values.forEach((value) -> assertThat(value).doesNotContain(secrets)));
			return this;
		}

	}

}
