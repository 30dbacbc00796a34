package dev.foundation.audit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.foundation.audit.AuditEvent;
import dev.foundation.audit.AuditWriteException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Group commit: callers put events on a bounded queue and wait; one writer thread takes
 * whatever has queued up (up to the batch size), appends each chain's events in one
 * transaction, and only then releases their callers. So an acknowledged event is a
 * committed one, and one insert carries many callers' events.
 * <p>
 * A full queue makes the caller wait up to the configured time, then fail with
 * {@link AuditWriteException}; nothing is dropped silently. Stopping (graceful shutdown)
 * refuses new events and writes everything queued before the thread ends.
 */
public final class BatchingAuditWriter implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(BatchingAuditWriter.class);

	/** Runs after the web server stops taking requests and before the pool closes. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

	private final ChainSink transactions;

	private final BlockingQueue<Pending> queue;

	private final int batchSize;

	private final Duration offerTimeout;

	private final Duration ackTimeout;

	private final AuditWriterMetrics metrics;

	private volatile boolean accepting;

	private volatile @Nullable Thread thread;

	/**
	 * Creates the writer (started by the application context's lifecycle, or
	 * {@link #start()}).
	 * @param transactions runs one chain's append in a transaction of its own
	 * @param capacity the queue's capacity
	 * @param batchSize the most events per batch
	 * @param offerTimeout how long a caller waits for room in a full queue
	 * @param ackTimeout how long a caller waits for its batch to commit
	 * @param metrics where to report
	 */
	public BatchingAuditWriter(ChainSink transactions, int capacity, int batchSize, Duration offerTimeout,
			Duration ackTimeout, AuditWriterMetrics metrics) {
		this.transactions = transactions;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.batchSize = batchSize;
		this.offerTimeout = offerTimeout;
		this.ackTimeout = ackTimeout;
		this.metrics = metrics;
	}

	/**
	 * Queues an event and waits until the batch holding it has committed.
	 * @param event the event
	 * @throws AuditWriteException if the queue stayed full, the writer is stopped, the
	 * write failed, or no commit came in time; the event is then not acknowledged
	 */
	public void write(AuditEvent event) {
		if (!this.accepting) {
			throw new AuditWriteException("The audit writer is not running", null);
		}
		Pending pending = new Pending(event, new CompletableFuture<>());
		try {
			if (!this.queue.offer(pending, this.offerTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
				this.metrics.rejected();
				throw new AuditWriteException(
						"The audit queue stayed full for " + this.offerTimeout + "; the event was not recorded", null);
			}
			pending.done().get(this.ackTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AuditWriteException("Interrupted while recording an audit event", ex);
		}
		catch (ExecutionException ex) {
			throw new AuditWriteException("The audit event could not be written", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new AuditWriteException(
					"No commit of the audit event within " + this.ackTimeout + "; it may or may not be recorded", ex);
		}
	}

	/**
	 * Returns how many events wait to be written.
	 * @return the queue depth
	 */
	public int queueDepth() {
		return this.queue.size();
	}

	@Override
	public synchronized void start() {
		if (this.thread != null) {
			return;
		}
		this.accepting = true;
		Thread writer = new Thread(this::run, "audit-writer");
		writer.setDaemon(true);
		this.thread = writer;
		writer.start();
	}

	@Override
	public void stop() {
		Thread writer;
		synchronized (this) {
			writer = this.thread;
			this.accepting = false;
			this.thread = null;
		}
		if (writer == null) {
			return;
		}
		// No interrupt: it could fail the batch being written (a pool refuses an
		// interrupted
		// thread a connection). The writer sees the flag within its poll interval.
		try {
			writer.join(this.ackTimeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// Whatever is still queued when the thread ended (it drains before ending).
		flush();
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void run() {
		List<Pending> batch = new ArrayList<>(this.batchSize);
		while (this.accepting || !this.queue.isEmpty()) {
			try {
				Pending first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
			}
			catch (InterruptedException ex) {
				// stop(): fall through to drain what is left.
				if (!this.accepting) {
					break;
				}
				continue;
			}
			this.queue.drainTo(batch, this.batchSize - 1);
			writeBatch(batch);
			batch.clear();
		}
		flush();
	}

	private synchronized void flush() {
		List<Pending> batch = new ArrayList<>(this.batchSize);
		while (this.queue.drainTo(batch, this.batchSize) > 0) {
			writeBatch(batch);
			batch.clear();
		}
	}

	private void writeBatch(List<Pending> batch) {
		Map<@Nullable UUID, List<Pending>> chains = new LinkedHashMap<>();
		for (Pending pending : batch) {
			chains.computeIfAbsent(pending.event().tenantId(), (tenant) -> new ArrayList<>()).add(pending);
		}
		for (Map.Entry<@Nullable UUID, List<Pending>> chain : chains.entrySet()) {
			List<Pending> pendings = chain.getValue();
			List<AuditEvent> events = new ArrayList<>(pendings.size());
			for (Pending pending : pendings) {
				events.add(pending.event());
			}
			long start = System.nanoTime();
			try {
				this.transactions.append(chain.getKey(), events);
				this.metrics.written("batched", events.size(), System.nanoTime() - start);
				pendings.forEach((pending) -> pending.done().complete(null));
			}
			catch (RuntimeException ex) {
				logger.error("Could not write {} audit event(s) of chain {}; their callers get an error", events.size(),
						chain.getKey(), ex);
				this.metrics.failed("batched", events.size());
				pendings.forEach((pending) -> pending.done().completeExceptionally(ex));
			}
		}
	}

	private record Pending(AuditEvent event, CompletableFuture<@Nullable Void> done) {
	}

}
