package dev.foundation.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import javax.sql.DataSource;

import dev.foundation.tenancy.persistence.TenantScope;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an outside hostile-input suite sends to the running sample: markup in stored data,
 * JSON of the wrong type, bytes that are not UTF-8, and requests Tomcat refuses by
 * itself.
 */
class HostileInputIntegrationTests extends SampleIntegrationTestSupport {

	private static final String SCRIPT = "<script>alert(1)</script>";

	@Autowired
	private DataSource dataSource;

	@Autowired
	private PlatformTransactionManager transactions;

	@Test
	void htmlInJsonResponseIsEscaped() throws Exception {
		String name = SCRIPT + " & 'Ada'";
		HttpResponse<String> created = send(post("/api/v1/contacts", "{\"name\":\"" + name + "\"}"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.body()).doesNotContain("<", ">", "&", "'");
		assertThat(created.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		String id = json.readTree(created.body()).path("id").asString();

		HttpResponse<String> read = get("/api/v1/contacts/" + id);
		assertThat(read.body()).doesNotContain("<", ">", "&", "'").contains("\\u003Cscript\\u003E");
		assertThat(json.readTree(read.body()).path("name").asString()).isEqualTo(name);
		// Stored as sent: only the JSON encoding of the response changed.
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		String stored = TenantScope.call(defaultTenant().id(), () -> new TransactionTemplate(this.transactions).execute(
				(status) -> jdbc.queryForObject("select name from contacts where id = ?::uuid", String.class, id)));
		assertThat(stored).isEqualTo(name);
	}

	@Test
	void numberForStringFieldIsRejected() throws Exception {
		JsonNode problem = assertProblem(send(post("/api/v1/contacts", "{\"name\":12345}")), 400, "malformed-request");
		assertThat(problem.toString()).doesNotContain("java.", "String", "12345");
		assertProblem(send(post("/api/v1/contacts", "{\"name\":true}")), 400, "malformed-request");
		assertProblem(send(post("/api/v1/contacts", "{\"name\":\"Ada\",\"email\":1.5}")), 400, "malformed-request");
	}

	@Test
	void overlongUtf8IsRejectedWithoutEcho() throws Exception {
		byte[] start = "{\"name\":\"a".getBytes(StandardCharsets.UTF_8);
		byte[] end = "script\"}".getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[start.length + 2 + end.length];
		System.arraycopy(start, 0, body, 0, start.length);
		body[start.length] = (byte) 0xC0;
		body[start.length + 1] = (byte) 0xBC;
		System.arraycopy(end, 0, body, start.length + 2, end.length);
		HttpResponse<String> response = send(request("/api/v1/contacts").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
		JsonNode problem = assertProblem(response, 400, "malformed-request");
		assertThat(problem.path("detail").asString()).isEqualTo("The request body is not valid UTF-8");
		assertThat(response.body()).doesNotContain("script", "\uFFFD", "Invalid UTF-8");
	}

	@Test
	void unconvertibleIdDoesNotNameJavaTypes() throws Exception {
		HttpResponse<String> response = get("/api/v1/contacts/not-a-uuid");
		assertProblem(response, 400, "malformed-request");
		// The path itself is the instance, percent-encoded; the conversion error is not
		// shown.
		assertThat(response.body()).doesNotContain("java.", "UUID", "Failed to convert", "String");
	}

	@Test
	void oversizedHeaderGetsProblemJson() throws Exception {
		// The test context allows 64 KB of headers.
		String response = raw("GET /api/v1/contacts HTTP/1.1\r\nHost: localhost\r\nX-Big: " + SCRIPT
				+ "a".repeat(80 * 1024) + "\r\nConnection: close\r\n\r\n");
		assertContainerProblem(response, SCRIPT, "aaaaaaaa");
	}

	@Test
	void controlCharacterInHeaderGetsProblemJson() throws Exception {
		String response = raw("GET /api/v1/contacts HTTP/1.1\r\nHost: localhost\r\nX-Evil: " + SCRIPT + "\u0001"
				+ "\r\nConnection: close\r\n\r\n");
		assertContainerProblem(response, SCRIPT, "X-Evil");
	}

	private static void assertContainerProblem(String response, String... secrets) throws IOException {
		assertThat(response).startsWith("HTTP/1.1 400 ")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.containsIgnoringCase("X-Content-Type-Options: nosniff")
			.doesNotContain(secrets)
			.doesNotContain("<html", "Tomcat");
		String body = response.substring(response.indexOf('{'), response.lastIndexOf('}') + 1);
		JsonNode problem = json.readTree(body);
		assertThat(problem.path("type").asString()).isEqualTo(PROBLEM_TYPE_PREFIX + "malformed-request");
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(response).containsIgnoringCase("X-Request-Id: " + problem.path("correlationId").asString());
	}

	/** Sends what HttpClient refuses to send (control characters) over a plain socket. */
	private String raw(String request) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			in.transferTo(received);
			return received.toString(StandardCharsets.UTF_8);
		}
	}

}
