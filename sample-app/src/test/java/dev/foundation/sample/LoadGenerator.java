package dev.foundation.sample;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Steady load on the sample from several client threads: reads of one contact and
 * creations of new ones (named uniquely, so that the database can be checked for each
 * afterwards). Every request and its outcome is recorded.
 */
final class LoadGenerator implements AutoCloseable {

	private final OutageTestApplication app;

	private final String contactId;

	private final double writeShare;

	private final List<Thread> threads = new ArrayList<>();

	private final ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();

	private volatile boolean running = true;

	private final Duration timeout;

	LoadGenerator(OutageTestApplication app, String contactId, int clients, double writeShare) {
		this(app, contactId, clients, writeShare, Duration.ofSeconds(5));
	}

	LoadGenerator(OutageTestApplication app, String contactId, int clients, double writeShare, Duration timeout) {
		this.app = app;
		this.timeout = timeout;
		this.contactId = contactId;
		this.writeShare = writeShare;
		for (int i = 0; i < clients; i++) {
			Thread thread = new Thread(this::run, "load-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	private void run() {
		while (this.running) {
			boolean write = ThreadLocalRandom.current().nextDouble() < this.writeShare;
			String name = write ? "load-" + UUID.randomUUID() : null;
			HttpRequest.Builder request = (write
					? this.app.request("/api/v1/contacts")
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers
							.ofString("{\"name\":\"" + name + "\",\"email\":\"" + name + "@example.com\"}"))
					: this.app.request("/api/v1/contacts/" + this.contactId))
				.timeout(this.timeout);
			long start = System.nanoTime();
			try {
				HttpResponse<String> response = this.app.send(request);
				this.results.add(new Result(name, start, System.nanoTime(), response.statusCode(),
						response.headers().firstValue("Content-Type").orElse(null),
						response.headers().firstValue("Retry-After").orElse(null), response.body(), null));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (Exception ex) {
				this.results.add(new Result(name, start, System.nanoTime(), -1, null, null, "", ex));
			}
		}
	}

	List<Result> results() {
		return this.results.stream().sorted(Comparator.comparingLong(Result::start)).toList();
	}

	List<Result> results(Predicate<Result> filter) {
		return results().stream().filter(filter).toList();
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		for (Thread thread : this.threads) {
			thread.join(10_000);
		}
	}

	static long percentileMillis(List<Result> results, double percentile) {
		if (results.isEmpty()) {
			return 0;
		}
		List<Long> millis = results.stream().map(Result::millis).sorted().toList();
		int index = (int) Math.ceil(percentile / 100.0 * millis.size()) - 1;
		return millis.get(Math.max(0, Math.min(index, millis.size() - 1)));
	}

	/**
	 * One request's outcome; status -1 when it got no response (reset, timeout).
	 */
	record Result(@Nullable String writtenName, long start, long end, int status, @Nullable String contentType,
			@Nullable String retryAfter, String body, @Nullable Exception failure) {

		boolean isWrite() {
			return this.writtenName != null;
		}

		long millis() {
			return (this.end - this.start) / 1_000_000;
		}

		boolean succeeded() {
			return this.status >= 200 && this.status < 300;
		}

		@Override
		public String toString() {
			return (isWrite() ? "POST" : "GET") + " " + this.status + " in " + millis() + " ms"
					+ ((this.failure != null) ? " " + this.failure : "") + " "
					+ this.body.substring(0, Math.min(300, this.body.length()));
		}

	}

}
