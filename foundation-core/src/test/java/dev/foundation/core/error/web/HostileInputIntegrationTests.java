package dev.foundation.core.error.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input over a real Tomcat: markup that must not come back as markup, JSON values
 * of the wrong type, bytes that are not UTF-8, and requests Tomcat refuses before the
 * application sees them.
 */
class HostileInputIntegrationTests extends ProblemDetailWebTestSupport {

	private static final String SCRIPT = "<script>alert(1)</script>";

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	private int port;

	@Test
	void htmlInJsonResponseIsEscaped() throws Exception {
		Answer answer = postJson("/test/notes", "{\"name\":\"" + SCRIPT + " & 'x'\",\"count\":1,\"active\":true}");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).doesNotContain("<", ">", "&", "'").contains("\\u003Cscript\\u003E");
		assertThat((String) answer.json("$.name")).isEqualTo(SCRIPT + " & 'x'");
	}

	@Test
	void htmlInProblemDetailIsEscaped() throws Exception {
		Answer answer = send(get("/test/markup"));
		answer.isProblem(409, "conflict", "Conflict", "The name <b>Tom & 'Jerry'</b> is taken", "/test/markup");
		assertThat(answer.body()).doesNotContain("<", ">", "&", "'");
	}

	@Test
	void everyResponseCarriesNosniff() throws Exception {
		assertThat(send(get("/test/search?q=x")).header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(send(get("/test/not-found")).header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(send(get("/test/filter-failure")).header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(raw(
				"GET /test/search?q=x HTTP/1.1\r\nHost: localhost\r\nX-Bad: a\u0001b\r\n" + "Connection: close\r\n\r\n")
			.header("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Test
	void numberForStringFieldIsRejected() throws Exception {
		assertMalformed(postJson("/test/notes", "{\"name\":12,\"count\":1,\"active\":true}"));
		assertMalformed(postJson("/test/notes", "{\"name\":1.5e3,\"count\":1,\"active\":true}"));
	}

	@Test
	void booleanForStringFieldIsRejected() throws Exception {
		assertMalformed(postJson("/test/notes", "{\"name\":true,\"count\":1,\"active\":true}"));
	}

	@Test
	void stringForNumberFieldIsRejected() throws Exception {
		assertMalformed(postJson("/test/notes", "{\"name\":\"a\",\"count\":\"12\",\"active\":true}"));
	}

	@Test
	void fractionForIntegerFieldIsRejected() throws Exception {
		assertMalformed(postJson("/test/notes", "{\"name\":\"a\",\"count\":1.9,\"active\":true}"));
	}

	@Test
	void stringOrNumberForBooleanFieldIsRejected() throws Exception {
		assertMalformed(postJson("/test/notes", "{\"name\":\"a\",\"count\":1,\"active\":\"true\"}"));
		assertMalformed(postJson("/test/notes", "{\"name\":\"a\",\"count\":1,\"active\":1}"));
	}

	@Test
	void wellTypedJsonIsStillAccepted() throws Exception {
		Answer answer = postJson("/test/notes", "{\"name\":\"Zoë 日本 😀\",\"count\":12,\"active\":false}");
		assertThat(answer.status()).isEqualTo(200);
		assertThat((String) answer.json("$.name")).isEqualTo("Zoë 日本 😀");
		assertThat((Integer) answer.json("$.count")).isEqualTo(12);
	}

	@Test
	void overlongUtf8IsRejectedWithoutEcho() throws Exception {
		// 0xC0 0xAF is an overlong '/': lenient decoders turn it into a character a
		// filter did not see.
		assertNotUtf8(postJson("/test/notes", bytes("{\"name\":\"a", 0xC0, 0xAF, "b\",\"count\":1,\"active\":true}")));
		// 0xE0 0x80 0xBC is an overlong '<'.
		assertNotUtf8(postJson("/test/notes", bytes("{\"name\":\"", 0xE0, 0x80, 0xBC, "script\",\"count\":1}")));
	}

	@Test
	void loneContinuationByteIsRejectedWithoutEcho() throws Exception {
		assertNotUtf8(postJson("/test/notes", bytes("{\"name\":\"a", 0x80, "b\",\"count\":1,\"active\":true}")));
	}

	@Test
	void truncatedUtf8SequenceIsRejectedWithoutEcho() throws Exception {
		assertNotUtf8(postJson("/test/notes", bytes("{\"name\":\"a", 0xE2, 0x82, "\",\"count\":1,\"active\":true}")));
		assertNotUtf8(postJson("/test/notes", bytes("{\"name\":\"a\",\"count\":1,\"active\":true}", 0xF0, 0x9F)));
	}

	@Test
	void utf8EncodedSurrogateIsRejectedWithoutEcho() throws Exception {
		assertNotUtf8(postJson("/test/notes", bytes("{\"name\":\"", 0xED, 0xA0, 0x80, "\",\"count\":1}")));
	}

	@Test
	void bindingTypeMismatchDoesNotEchoTheConversionMessage() throws Exception {
		Answer answer = send(get("/test/widgets?owner=not-a-uuid%3Cb%3E&page=x"));
		answer
			.isProblem(400, "validation-failed", "Validation failed", "The request has invalid fields", "/test/widgets")
			.doesNotReveal("java.", "UUID", "Failed to convert", "not-a-uuid", "<b>", "NumberFormat", "String");
		assertThat((List<String>) answer.json("$.errors[*].field")).containsExactlyInAnyOrder("owner", "page");
		assertThat((List<String>) answer.json("$.errors[*].code")).containsOnly("typeMismatch");
	}

	@Test
	void pathTypeMismatchDoesNotNameJavaTypes() throws Exception {
		send(get("/test/widgets/12"))
			.isProblem(400, "malformed-request", "Malformed request", "Parameter 'id' has an invalid value",
					"/test/widgets/12")
			.doesNotReveal("java.", "UUID", "Failed to convert", "String");
	}

	@Test
	void wronglyTypedJsonValueDoesNotNameJavaTypes() throws Exception {
		postJson("/test/notes", "{\"name\":\"a\",\"count\":{\"x\":\"<b>\"}}")
			.isProblem(400, "malformed-request", "Malformed request", "The request body is missing or not readable",
					"/test/notes")
			.doesNotReveal("java.", "int", "<b>", "Note", "Cannot deserialize", "tools.jackson");
	}

	@Test
	void oversizedHeaderGetsProblemJson() throws Exception {
		String secret = "<script>oversized</script>";
		RawAnswer answer = raw("GET /test/search?q=x HTTP/1.1\r\nHost: localhost\r\nX-Big: " + secret
				+ "a".repeat(20 * 1024) + "\r\nConnection: close\r\n\r\n");
		assertContainerProblem(answer, secret, "aaaaaaaa");
	}

	@Test
	void controlCharacterInHeaderGetsProblemJson() throws Exception {
		String secret = "<script>control</script>";
		RawAnswer answer = raw("GET /test/search?q=x HTTP/1.1\r\nHost: localhost\r\nX-Evil: " + secret + "\u0001"
				+ secret + "\r\nConnection: close\r\n\r\n");
		assertContainerProblem(answer, secret, "control");
	}

	@Test
	void controlCharacterInHeaderNameGetsProblemJson() throws Exception {
		RawAnswer answer = raw("GET /test/search?q=x HTTP/1.1\r\nHost: localhost\r\nEvil<b>\u0007: 1\r\n"
				+ "Connection: close\r\n\r\n");
		assertContainerProblem(answer, "<b>", "Evil");
	}

	@Test
	void malformedRequestLineGetsProblemJson() throws Exception {
		RawAnswer answer = raw("GET /test/search?q=<script> HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertContainerProblem(answer, "<script>", "search");
	}

	private static void assertContainerProblem(RawAnswer answer, String... secrets) {
		assertThat(answer.status()).as(answer.text()).isIn(400, 431);
		assertThat(answer.header("Content-Type")).as(answer.text()).startsWith("application/problem+json");
		assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(answer.text()).doesNotContain(secrets).doesNotContain("<html", "Tomcat", "java.");
		Answer problem = new Answer(answer.status(), Map.of(), answer.body());
		assertThat((Integer) problem.json("$.status")).isEqualTo(answer.status());
		assertThat((String) problem.json("$.type")).startsWith(ProblemDetailTestApplication.TYPE_BASE);
		assertThat((String) problem.json("$.correlationId")).isNotBlank().isEqualTo(answer.header("X-Request-Id"));
	}

	private static void assertMalformed(Answer answer) {
		answer
			.isProblem(400, "malformed-request", "Malformed request", "The request body is missing or not readable",
					"/test/notes")
			.doesNotReveal("java.", "String", "Cannot", "coerce", "tools.jackson");
	}

	private static void assertNotUtf8(Answer answer) {
		answer
			.isProblem(400, "malformed-request", "Malformed request", "The request body is not valid UTF-8",
					"/test/notes")
			.doesNotReveal("\uFFFD", "script", "0xC0", "0x80", "Invalid UTF-8", "tools.jackson");
	}

	private static byte[] bytes(Object... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Object part : parts) {
			if (part instanceof Integer b) {
				out.write(b);
			}
			else {
				out.writeBytes(part.toString().getBytes(StandardCharsets.UTF_8));
			}
		}
		return out.toByteArray();
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET();
	}

	private Answer postJson(String path, String body) throws IOException, InterruptedException {
		return postJson(path, body.getBytes(StandardCharsets.UTF_8));
	}

	private Answer postJson(String path, byte[] body) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofByteArray(body)));
	}

	private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(request.timeout(Duration.ofSeconds(30)).build(),
				BodyHandlers.ofString(StandardCharsets.UTF_8));
		Map<String, List<String>> headers = new LinkedHashMap<>();
		response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values));
		return new Answer(response.statusCode(), headers, response.body());
	}

	/**
	 * Sends bytes HttpClient refuses to send (control characters, oversized headers) over
	 * a plain socket.
	 */
	private RawAnswer raw(String request) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			in.transferTo(received);
			return RawAnswer.parse(received.toString(StandardCharsets.UTF_8));
		}
	}

	record RawAnswer(String text, int status, Map<String, String> headers, String body) {

		static RawAnswer parse(String text) {
			int end = text.indexOf("\r\n\r\n");
			assertThat(end).as(text).isPositive();
			String[] lines = text.substring(0, end).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
			}
			String body = text.substring(end + 4);
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				StringBuilder joined = new StringBuilder();
				int position = 0;
				while (true) {
					int lineEnd = body.indexOf("\r\n", position);
					int size = Integer.parseInt(body.substring(position, lineEnd).trim(), 16);
					if (size == 0) {
						break;
					}
					joined.append(body, lineEnd + 2, lineEnd + 2 + size);
					position = lineEnd + 2 + size + 2;
				}
				body = joined.toString();
			}
			return new RawAnswer(text, status, headers, body);
		}

		String header(String name) {
			return this.headers.get(name.toLowerCase());
		}

	}

}
