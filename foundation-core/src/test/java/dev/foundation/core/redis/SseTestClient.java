package dev.foundation.core.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A minimal Server-Sent Events client for tests: one thread reads the stream and queues
 * each event (and each comment) as it arrives.
 */
public final class SseTestClient implements AutoCloseable {

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final List<String> comments = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final CountDownLatch ended = new CountDownLatch(1);

	private final HttpResponse<InputStream> response;

	private SseTestClient(HttpResponse<InputStream> response) {
		this.response = response;
		if (response.statusCode() == 200) {
			Thread reader = new Thread(this::read, "sse-test-client");
			reader.setDaemon(true);
			reader.start();
		}
		else {
			this.ended.countDown();
		}
	}

	/**
	 * Opens a stream.
	 * @param client the HTTP client
	 * @param request the request (with credentials)
	 * @return the client, reading
	 * @throws IOException if connecting failed
	 * @throws InterruptedException if interrupted
	 */
	public static SseTestClient open(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
		return new SseTestClient(client.send(request, HttpResponse.BodyHandlers.ofInputStream()));
	}

	/**
	 * The response's status.
	 * @return the status
	 */
	public int status() {
		return this.response.statusCode();
	}

	/**
	 * The response.
	 * @return the response
	 */
	public HttpResponse<InputStream> response() {
		return this.response;
	}

	/**
	 * Waits for the next event.
	 * @param timeout how long to wait
	 * @return the event
	 * @throws InterruptedException if interrupted
	 */
	public Event next(Duration timeout) throws InterruptedException {
		Event event = this.events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (event == null) {
			throw new AssertionError("No event within " + timeout);
		}
		return event;
	}

	/**
	 * Waits for the server to end the stream, then returns the events not taken yet.
	 * @param timeout how long to wait
	 * @return the remaining events
	 * @throws InterruptedException if interrupted
	 */
	public List<Event> awaitEnd(Duration timeout) throws InterruptedException {
		if (!this.ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError("The stream did not end within " + timeout + "; events: " + this.events);
		}
		List<Event> rest = new ArrayList<>();
		this.events.drainTo(rest);
		return rest;
	}

	/**
	 * The comments (e.g. heartbeats) received so far.
	 * @return the comments
	 */
	public List<String> comments() {
		return this.comments;
	}

	private void read() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			String id = null;
			String name = null;
			StringBuilder data = new StringBuilder();
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.isEmpty()) {
					if (id != null || name != null || data.length() > 0) {
						this.events.add(new Event(id, name, data.toString()));
					}
					id = null;
					name = null;
					data.setLength(0);
				}
				else if (line.startsWith(":")) {
					this.comments.add(line.substring(1).trim());
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3).trim();
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).trim());
				}
			}
		}
		catch (IOException ex) {
			// Closed by the test.
		}
		finally {
			this.ended.countDown();
		}
	}

	/** Disconnects. */
	@Override
	public void close() {
		try {
			this.response.body().close();
		}
		catch (IOException ex) {
			// Already gone.
		}
	}

	/**
	 * One event.
	 *
	 * @param id its id
	 * @param name its name
	 * @param data its data
	 */
	public record Event(@Nullable String id, @Nullable String name, String data) {

	}

}
