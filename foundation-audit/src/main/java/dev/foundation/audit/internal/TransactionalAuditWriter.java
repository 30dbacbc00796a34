package dev.foundation.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.foundation.audit.AuditEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes events in the caller's transaction. They are collected while the transaction
 * runs and appended just before it commits, so the chain's lock is held only from then
 * until the commit (not for the whole business transaction), and a rollback leaves no
 * trace of them.
 */
public final class TransactionalAuditWriter {

	private static final Logger logger = LoggerFactory.getLogger(TransactionalAuditWriter.class);

	private final ChainTransactions transactions;

	private final AuditWriterMetrics metrics;

	/**
	 * Creates the writer.
	 * @param transactions appends in the running transaction
	 * @param metrics where to report
	 */
	public TransactionalAuditWriter(ChainTransactions transactions, AuditWriterMetrics metrics) {
		this.transactions = transactions;
		this.metrics = metrics;
	}

	/**
	 * Returns whether a transaction that can take an event is running on this thread.
	 * @return whether {@link #write(AuditEvent)} may be called
	 */
	public static boolean canWrite() {
		return TransactionSynchronizationManager.isSynchronizationActive()
				&& TransactionSynchronizationManager.isActualTransactionActive()
				&& !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
	}

	/**
	 * Adds an event to the running transaction.
	 * @param event the event
	 * @throws IllegalStateException if no writable transaction runs, or it already holds
	 * events of another chain
	 */
	public void write(AuditEvent event) {
		if (!canWrite()) {
			throw new IllegalStateException("No writable transaction is active for a transactional audit event");
		}
		Events events = current();
		if (events == null) {
			events = new Events(event.tenantId());
			TransactionSynchronizationManager.registerSynchronization(events);
		}
		else if (events.written) {
			// The transaction is past beforeCommit (an afterCommit callback): it can take
			// no more events, so this one gets a transaction of its own, now.
			this.transactions.appendInNewTransaction(event.tenantId(), java.util.List.of(event));
			return;
		}
		else if (!Objects.equals(events.tenantId, event.tenantId())) {
			throw new IllegalStateException("A transaction records the events of one tenant only");
		}
		events.events.add(event);
	}

	// Synchronizations, unlike bound resources, are suspended with their transaction
	// (REQUIRES_NEW), so an inner transaction gets events of its own.
	private @Nullable Events current() {
		for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
			if (synchronization instanceof Events events && events.owner() == this) {
				return events;
			}
		}
		return null;
	}

	private final class Events implements TransactionSynchronization {

		private final @Nullable UUID tenantId;

		private final List<AuditEvent> events = new ArrayList<>();

		private boolean written;

		Events(@Nullable UUID tenantId) {
			this.tenantId = tenantId;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			long start = System.nanoTime();
			try {
				TransactionalAuditWriter.this.transactions.appendInTransaction(this.tenantId, this.events);
			}
			catch (RuntimeException ex) {
				TransactionalAuditWriter.this.metrics.failed("transactional", this.events.size());
				throw ex;
			}
			this.written = true;
			TransactionalAuditWriter.this.metrics.written("transactional", this.events.size(),
					System.nanoTime() - start);
		}

		// Events recorded after beforeCommit ran (from an afterCommit callback, where the
		// transaction still looks active) would never be written: append them in a
		// transaction of their own rather than lose them.
		@Override
		public void afterCompletion(int status) {
			if (status == STATUS_COMMITTED && !this.written && !this.events.isEmpty()) {
				try {
					TransactionalAuditWriter.this.transactions.appendInNewTransaction(this.tenantId, this.events);
				}
				catch (RuntimeException ex) {
					TransactionalAuditWriter.this.metrics.failed("transactional", this.events.size());
					logger.error("Could not write {} audit event(s) recorded after their transaction's commit",
							this.events.size(), ex);
				}
			}
		}

		TransactionalAuditWriter owner() {
			return TransactionalAuditWriter.this;
		}

	}

}
