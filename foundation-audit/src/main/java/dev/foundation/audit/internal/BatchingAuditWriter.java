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
import java.util.concurrent.locks.ReentrantLock;

import dev.foundation.audit.AuditEvent;
import dev.foundation.audit.AuditWriteException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Group commit: callers put events on a bounded queue and wait; a writer thread takes
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

	private final int writers;

	private final ReentrantLock turn = new ReentrantLock();

	private volatile @Nullable List<Thread> threads;

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
		this(transactions, capacity, batchSize, offerTimeout, ackTimeout, metrics, 1);
	}

	/**
	 * Creates the writer with several writer threads. They take turns: one takes a batch
	 * and sends it, and hands the turn on once its statement ran, while it waits for its
	 * commit; so the next batch is taken and sent while the previous one is committing
	 * (appends to one chain still commit one after the other: PostgreSQL serializes them
	 * on the chain's head row).
	 * @param transactions runs one chain's append in a transaction of its own
	 * @param capacity the queue's capacity
	 * @param batchSize the most events per batch
	 * @param offerTimeout how long a caller waits for room in a full queue
	 * @param ackTimeout how long a caller waits for its batch to commit
	 * @param metrics where to report
	 * @param writers how many writer threads (each uses one connection while it writes)
	 */
	public BatchingAuditWriter(ChainSink transactions, int capacity, int batchSize, Duration offerTimeout,
			Duration ackTimeout, AuditWriterMetrics metrics, int writers) {
		if (writers < 1) {
			throw new IllegalArgumentException("At least one writer thread is needed");
		}
		this.writers = writers;
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
	 * Queues an event without waiting, neither for room nor for the commit. The future
	 * completes when the batch holding the event has committed, or fails (with
	 * {@link AuditWriteException}) if the queue is full, the writer is stopped, or the
	 * write failed. Until it completes the event is not acknowledged: a crash loses it.
	 * @param event the event
	 * @return completes on the commit of the event's batch
	 */
	public CompletableFuture<@Nullable Void> submit(AuditEvent event) {
		if (!this.accepting) {
			return CompletableFuture.failedFuture(new AuditWriteException("The audit writer is not running", null));
		}
		Pending pending = new Pending(event, new CompletableFuture<>());
		if (!this.queue.offer(pending)) {
			this.metrics.rejected();
			return CompletableFuture
				.failedFuture(new AuditWriteException("The audit queue is full; the event was not recorded", null));
		}
		return pending.done();
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
		if (this.threads != null) {
			return;
		}
		this.accepting = true;
		List<Thread> started = new ArrayList<>(this.writers);
		for (int i = 0; i < this.writers; i++) {
			Thread writer = new Thread(this::run, (this.writers == 1) ? "audit-writer" : "audit-writer-" + (i + 1));
			writer.setDaemon(true);
			started.add(writer);
		}
		this.threads = List.copyOf(started);
		started.forEach(Thread::start);
	}

	@Override
	public void stop() {
		List<Thread> writers;
		synchronized (this) {
			writers = this.threads;
			this.accepting = false;
			this.threads = null;
		}
		if (writers == null) {
			return;
		}
		// No interrupt: it could fail the batch being written (a pool refuses an
		// interrupted thread a connection). The writers see the flag within their poll
		// interval.
		long deadline = System.nanoTime() + this.ackTimeout.toNanos();
		try {
			for (Thread writer : writers) {
				writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// Whatever is still queued when the threads ended (they drain before ending).
		flush();
	}

	@Override
	public boolean isRunning() {
		return this.threads != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void run() {
		List<Pending> batch = new ArrayList<>(this.batchSize);
		while (this.accepting || !this.queue.isEmpty()) {
			// One writer at a time takes a batch and sends it; it hands the turn on once
			// its statement ran, while it waits for its commit. So the next batch holds
			// everything that queued meanwhile (batches stay large) and reaches
			// PostgreSQL, waiting on the chain's head row, before the previous one
			// commits.
			Turn turn = new Turn(this.turn);
			try {
				Pending first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, this.batchSize - 1);
				writeBatch(batch, turn::handOn);
			}
			catch (InterruptedException ex) {
				// stop(): fall through to drain what is left.
				if (!this.accepting) {
					break;
				}
			}
			finally {
				turn.handOn();
				batch.clear();
			}
		}
		flush();
	}

	private synchronized void flush() {
		List<Pending> batch = new ArrayList<>(this.batchSize);
		while (this.queue.drainTo(batch, this.batchSize) > 0) {
			writeBatch(batch, () -> {
			});
			batch.clear();
		}
	}

	private void writeBatch(List<Pending> batch, Runnable sent) {
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
				this.transactions.append(chain.getKey(), events, sent);
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

	/** The writer thread's turn to take and send a batch, handed on once. */
	private static final class Turn {

		private final ReentrantLock lock;

		private boolean held;

		Turn(ReentrantLock lock) {
			this.lock = lock;
			lock.lock();
			this.held = true;
		}

		void handOn() {
			if (this.held) {
				this.held = false;
				this.lock.unlock();
			}
		}

	}

}
