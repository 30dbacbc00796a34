package dev.foundation.sample;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact import: a CSV upload answered with 202, progress over Server-Sent Events
 * until the job completes, the contacts in the tenant's list, the upload's rate limit,
 * and the job invisible to other tenants.
 */
class ContactImportIntegrationTests extends SampleIntegrationTestSupport {

	private static final String BOUNDARY = "----sample-" + UUID.randomUUID();

	@Test
	void importReportsProgressOverServerSentEventsUntilCompleted() throws Exception {
		String marker = "imported-" + UUID.randomUUID().toString().substring(0, 8);
		String csv = "name,email,phone,company\n" + marker + " one,one@example.com,,Acme\n" + marker
				+ " two,,+4915112345678,\n" + marker + " bad,not-an-email,,\n" + marker + " three,,,\n";

		HttpResponse<String> started = send(upload(csv));

		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		JsonNode body = json.readTree(started.body());
		String events = body.path("events").asString();
		assertThat(started.headers().firstValue("Location")).hasValue(body.path("status").asString());
		List<String> lines = readStream(events);
		assertThat(lines).contains("event:completed");
		assertThat(lines.stream().filter((line) -> line.startsWith("data:")).toList().toString())
			.contains("3 imported, 1 skipped");
		HttpResponse<String> status = get(body.path("status").asString());
		assertThat(status.body()).contains("\"state\":\"COMPLETED\"");
		assertThat(get("/api/v1/contacts?name=" + marker).body()).contains(marker + " one")
			.contains(marker + " two")
			.contains(marker + " three")
			.doesNotContain(marker + " bad");
	}

	@Test
	void anotherTenantCannotSeeTheImportJob() throws Exception {
		HttpResponse<String> started = send(upload("name\nsomeone\n"));
		String status = json.readTree(started.body()).path("status").asString();
		var other = this.tenants.create(uniqueSlug("other"), "Other tenant",
				SampleAuthentication.user(SampleAuthentication.USER_ID));

		HttpResponse<String> response = send(
				withToken(status, SampleAuthentication.userToken()).header("X-Tenant-Id", other.slug()));
		HttpResponse<String> stream = send(
				withToken(status + "/events", SampleAuthentication.userToken()).header("X-Tenant-Id", other.slug()));

		assertProblem(response, 404, "not-found");
		assertProblem(stream, 404, "not-found");
	}

	@Test
	void malformedUploadIsABadRequest() throws Exception {
		assertProblem(send(upload("email\nx@example.com\n")), 400, "bad-request");
	}

	@Test
	void prometheusIsForOperatorsOnlyAndServesTheFoundationsMeters() throws Exception {
		assertThat(send(anonymous("/actuator/prometheus")).statusCode()).isEqualTo(401);
		// A tenant's owner is no operator: the actuator needs the operator role of the
		// token.
		assertProblem(send(withToken("/actuator/prometheus", SampleAuthentication.userToken())), 403, "forbidden");
		assertProblem(send(withToken("/actuator/info", SampleAuthentication.userToken())), 403, "forbidden");
		send(upload("name\nmetered\n"));

		HttpResponse<String> scrape = send(withToken("/actuator/prometheus", SampleAuthentication.operatorToken()));

		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("foundation_ratelimit_decisions_total")
			.contains("foundation_jobs_events_published_total")
			.contains("foundation_jobs_subscribers");
		// The anonymous scrape's 401, the upload's tenant and its transactions.
		assertThat(scrape.body()).containsPattern("foundation_auth_failures_total\\{[^}]*reason=\"missing\"")
			.containsPattern("foundation_tenancy_resolutions_total\\{[^}]*outcome=\"resolved\"")
			.containsPattern("foundation_tenancy_isolation_bindings_total\\{[^}]*scope=\"tenant\"")
			.contains("foundation_tenancy_isolation_violations_total")
			.contains("foundation_auth_jwks_fetches_total");
	}

	private HttpRequest.Builder upload(String csv) {
		String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contacts.csv\""
				+ "\r\nContent-Type: text/csv\r\n\r\n" + csv + "\r\n--" + BOUNDARY + "--\r\n";
		return request("/api/v1/contact-imports").header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	private List<String> readStream(String path) throws Exception {
		HttpResponse<InputStream> response = this.http.send(
				request(path).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lines.add(line);
			}
		}
		return lines;
	}

}
