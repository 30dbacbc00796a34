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
 * Errors that never reach a controller, over a real Tomcat: a filter that throws or calls
 * {@code sendError} after the request context filter, uploads over the size limit and
 * requests Tomcat itself refuses.
 */
class ProblemDetailErrorControllerIntegrationTests extends ProblemDetailWebTestSupport {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	private int port;

	@Test
	void exceptionThrownByFilterIsRenderedAsProblemWithCorrelationId() throws Exception {
		send(get("/test/filter-failure"))
			.isProblem(500, "internal-error", "Internal error",
					"An unexpected error occurred; quote the correlation id when reporting it", "/test/filter-failure")
			.doesNotReveal("secret filter failure", "IllegalStateException", "Tomcat", "<html");
	}

	@Test
	void unreachableDatabaseInAFilterIsServiceUnavailableNotInternalError() throws Exception {
		Answer answer = send(get("/test/filter-database-down"))
			.isProblem(503, "service-unavailable", "Service unavailable",
					"The service is temporarily unavailable; retry after the time given in Retry-After",
					"/test/filter-database-down")
			.doesNotReveal("10.1.2.3", "CannotCreateTransactionException");
		assertThat(answer.header("Retry-After")).isEqualTo("2");
	}

	@Test
	void unreachableDatabaseReachingTheErrorDispatchIsServiceUnavailable() throws Exception {
		Answer answer = send(get("/test/early-filter-database-down"))
			.isProblem(503, "service-unavailable", "Service unavailable",
					"The service is temporarily unavailable; retry after the time given in Retry-After",
					"/test/early-filter-database-down")
			.doesNotReveal("administrator", "57P01");
		assertThat(answer.header("Retry-After")).isEqualTo("2");
	}

	@Test
	void errorDispatchKeepsTheCallersCorrelationId() throws Exception {
		Answer answer = send(get("/test/filter-failure").header("X-Request-Id", "caller-abc-123"));
		assertThat(answer.status()).isEqualTo(500);
		assertThat(answer.header("X-Request-Id")).isEqualTo("caller-abc-123");
		assertThat((String) answer.json("$.correlationId")).isEqualTo("caller-abc-123");
	}

	@Test
	void foundationExceptionWrappedInAFilterFailureKeepsItsProblem() throws Exception {
		send(get("/test/filter-wrapped-conflict"))
			.isProblem(409, "conflict", "Conflict", "The widget name is taken", "/test/filter-wrapped-conflict")
			.doesNotReveal("secret wrapper message", "secret inner wrapper", "ServletException");
	}

	@Test
	void sendErrorFromFilterIsRenderedAsProblemWithoutItsMessage() throws Exception {
		send(get("/test/filter-send-error"))
			.isProblem(403, "forbidden", "Forbidden", "Forbidden", "/test/filter-send-error")
			.doesNotReveal("secret reason");
	}

	@Test
	void exceptionFromControllerOverRealServer() throws Exception {
		send(get("/test/boom"))
			.isProblem(500, "internal-error", "Internal error",
					"An unexpected error occurred; quote the correlation id when reporting it", "/test/boom")
			.doesNotReveal("secret internal message");
	}

	@Test
	void unknownRouteOverRealServer() throws Exception {
		send(get("/no/such/route")).isProblem(404, "not-found", "Resource not found", "No resource exists at this path",
				"/no/such/route");
	}

	@Test
	void uploadOverTheSizeLimitIs413() throws Exception {
		String boundary = "foundation-test-boundary";
		String body = "--" + boundary + "\r\n"
				+ "Content-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
				+ "Content-Type: text/plain\r\n\r\n" + "x".repeat(10 * 1024) + "\r\n--" + boundary + "--\r\n";
		send(HttpRequest.newBuilder(uri("/test/upload"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(BodyPublishers.ofString(body)))
			.isProblem(413, "payload-too-large", "Payload too large", "The payload exceeds the allowed size",
					"/test/upload")
			.doesNotReveal("1024", "FileSizeLimitExceeded", "big.txt");
	}

	@Test
	void uploadWithinTheLimitIsAccepted() throws Exception {
		String boundary = "foundation-test-boundary";
		String body = "--" + boundary + "\r\n"
				+ "Content-Disposition: form-data; name=\"file\"; filename=\"small.txt\"\r\n"
				+ "Content-Type: text/plain\r\n\r\n" + "x".repeat(100) + "\r\n--" + boundary + "--\r\n";
		Answer answer = send(HttpRequest.newBuilder(uri("/test/upload"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(BodyPublishers.ofString(body)));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("100");
	}

	@Test
	void methodNameWithMarkupIsNeverEchoedByTheServer() throws Exception {
		String response = raw("FOO<script>alert(1)</script> /test/post-only HTTP/1.1\r\nHost: localhost\r\n"
				+ "Connection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 4").doesNotContain("<script>").doesNotContain("alert(1)");
	}

	@Test
	void unknownMethodIs405ProblemOverRealServer() throws Exception {
		Answer answer = send(HttpRequest.newBuilder(uri("/test/post-only")).method("PURGE", BodyPublishers.noBody()));
		answer
			.isProblem(405, "method-not-allowed", "Method not allowed",
					"The method is not supported by this resource; the Allow header lists those that are",
					"/test/post-only")
			.doesNotReveal("PURGE");
		assertThat(answer.header("Allow")).contains("POST");
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(uri(path)).GET();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(request.timeout(Duration.ofSeconds(30)).build(),
				BodyHandlers.ofString(StandardCharsets.UTF_8));
		Map<String, List<String>> headers = new LinkedHashMap<>();
		response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values));
		return new Answer(response.statusCode(), headers, response.body());
	}

	private String raw(String request) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			in.transferTo(received);
			return received.toString(StandardCharsets.ISO_8859_1);
		}
	}

}
