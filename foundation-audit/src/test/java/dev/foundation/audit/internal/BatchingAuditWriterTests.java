package dev.foundation.audit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.foundation.audit.ActorKind;
import dev.foundation.audit.AuditEvent;
import dev.foundation.audit.AuditOutcome;
import dev.foundation.audit.AuditWriteException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The group-commit writer's contract, against a sink that stands in for the database:
 * acknowledgement only after the sink returned, a full queue is an error after the wait
 * (never a silent drop), stopping writes what was queued.
 */
class BatchingAuditWriterTests {

	private final List<BatchingAuditWriter> writers = new ArrayList<>();

	@AfterEach
	void stop() {
		this.writers.forEach(BatchingAuditWriter::stop);
	}

	@Test
	void writeReturnsOnlyAfterItsBatchWasCommitted() throws Exception {
		CountDownLatch commit = new CountDownLatch(1);
		List<AuditEvent> committed = Collections.synchronizedList(new ArrayList<>());
		BatchingAuditWriter writer = start((tenant, events) -> {
			await(commit);
			committed.addAll(events);
		}, 10, 10, Duration.ofSeconds(1), new Counting());
		AuditEvent event = event();
		CompletableFuture<Void> caller = CompletableFuture.runAsync(() -> writer.write(event));
		Thread.sleep(200);
		assertThat(caller).isNotDone();
		commit.countDown();
		caller.get(5, TimeUnit.SECONDS);
		assertThat(committed).containsExactly(event);
	}

	@Test
	void fullQueueMakesCallerWaitThenFailsNeverDropsSilently() throws Exception {
		CountDownLatch commit = new CountDownLatch(1);
		Counting metrics = new Counting();
		BatchingAuditWriter writer = start((tenant, events) -> await(commit), 1, 1, Duration.ofMillis(300), metrics);
		// One event is being written (the sink blocks), one fills the queue.
		CompletableFuture<Void> first = CompletableFuture.runAsync(() -> writer.write(event()));
		Thread.sleep(100);
		CompletableFuture<Void> second = CompletableFuture.runAsync(() -> writer.write(event()));
		Thread.sleep(100);
		long start = System.nanoTime();
		assertThatExceptionOfType(AuditWriteException.class).isThrownBy(() -> writer.write(event()))
			.withMessageContaining("queue stayed full");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		assertThat(metrics.rejected).hasValue(1);
		commit.countDown();
		first.get(5, TimeUnit.SECONDS);
		second.get(5, TimeUnit.SECONDS);
	}

	@Test
	void failedWriteReachesEveryCallerOfTheBatch() {
		Counting metrics = new Counting();
		BatchingAuditWriter writer = start((tenant, events) -> {
			throw new IllegalStateException("database down");
		}, 10, 10, Duration.ofSeconds(1), metrics);
		assertThatExceptionOfType(AuditWriteException.class).isThrownBy(() -> writer.write(event()))
			.withMessageContaining("could not be written")
			.withRootCauseInstanceOf(IllegalStateException.class);
		assertThat(metrics.failed).hasValue(1);
	}

	@Test
	void manyCallersShareOneBatch() throws Exception {
		CountDownLatch commit = new CountDownLatch(1);
		List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
		BatchingAuditWriter writer = start((tenant, events) -> {
			await(commit);
			sizes.add(events.size());
		}, 100, 100, Duration.ofSeconds(1), new Counting());
		List<CompletableFuture<Void>> callers = new ArrayList<>();
		for (int i = 0; i < 21; i++) {
			callers.add(CompletableFuture.runAsync(() -> writer.write(event())));
		}
		Thread.sleep(300);
		commit.countDown();
		for (CompletableFuture<Void> caller : callers) {
			caller.get(5, TimeUnit.SECONDS);
		}
		// The first batch held one event (the writer took it at once); the other 20
		// waited
		// and went together.
		assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(21);
		assertThat(sizes).hasSizeLessThanOrEqualTo(3);
	}

	@Test
	void stopWritesWhatIsQueuedAndRefusesNewEvents() throws Exception {
		CountDownLatch commit = new CountDownLatch(1);
		AtomicInteger written = new AtomicInteger();
		BatchingAuditWriter writer = start((tenant, events) -> {
			await(commit);
			written.addAndGet(events.size());
		}, 100, 100, Duration.ofSeconds(1), new Counting());
		List<CompletableFuture<Void>> callers = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			callers.add(CompletableFuture.runAsync(() -> writer.write(event())));
		}
		Thread.sleep(200);
		CompletableFuture<Void> stopping = CompletableFuture.runAsync(writer::stop);
		Thread.sleep(100);
		commit.countDown();
		stopping.get(10, TimeUnit.SECONDS);
		for (CompletableFuture<Void> caller : callers) {
			caller.get(5, TimeUnit.SECONDS);
		}
		assertThat(written).hasValue(5);
		assertThatExceptionOfType(AuditWriteException.class).isThrownBy(() -> writer.write(event()))
			.withMessageContaining("not running");
	}

	private BatchingAuditWriter start(ChainSink sink, int capacity, int batchSize, Duration offerTimeout,
			AuditWriterMetrics metrics) {
		BatchingAuditWriter writer = new BatchingAuditWriter(sink, capacity, batchSize, offerTimeout,
				Duration.ofSeconds(10), metrics);
		writer.start();
		this.writers.add(writer);
		return writer;
	}

	private static AuditEvent event() {
		return new AuditEvent(UUID.randomUUID(), null, null, ActorKind.SYSTEM, "test.event", null, null,
				AuditOutcome.SUCCESS, null, null, null, "{}");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static final class Counting implements AuditWriterMetrics {

		final AtomicInteger rejected = new AtomicInteger();

		final AtomicInteger failed = new AtomicInteger();

		@Override
		public void failed(String mode, int size) {
			this.failed.addAndGet(size);
		}

		@Override
		public void rejected() {
			this.rejected.incrementAndGet();
		}

	}

}
