package dev.foundation.audit;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Appends events to the tamper-evident audit log.
 * <p>
 * When {@link #record(AuditEventBuilder)} returns, the event is acknowledged as the
 * {@link WriteMode} says: in {@code BATCHED} mode it is committed; in
 * {@code TRANSACTIONAL} mode it will commit or roll back with the caller's transaction.
 * It never drops an event silently: a full queue or a failed write is an
 * {@link AuditWriteException}.
 */
public interface AuditLog {

	/**
	 * Starts an event.
	 * @param action what was done, dotted lowercase ({@code contact.update})
	 * @return a builder whose {@code record()} appends the event
	 */
	default AuditEventBuilder event(String action) {
		return new AuditEventBuilder(this, action);
	}

	/**
	 * Records an event.
	 * @param event the event
	 * @return the event's id
	 * @throws IllegalArgumentException if the event is invalid (e.g. oversized details)
	 * @throws AuditWriteException if it could not be recorded
	 */
	UUID record(AuditEventBuilder event);

	/**
	 * Hands an event to the group-commit writer ({@link WriteMode#BATCHED}, whatever the
	 * builder's mode) and returns without waiting for its commit: for callers that must
	 * not wait for the database, such as an error response. The event is completed from
	 * the calling thread's context and validated before this returns. It is acknowledged
	 * only when the future completes normally; a full queue, a stopped writer or a failed
	 * write fail the future instead, and an event whose future has not completed is lost
	 * if the process dies.
	 * <p>
	 * The default records synchronously, for implementations without a queue.
	 * @param event the event
	 * @return completes with the event's id once it is committed
	 * @throws IllegalArgumentException if the event is invalid (e.g. oversized details)
	 */
	default CompletableFuture<UUID> submit(AuditEventBuilder event) {
		return CompletableFuture.completedFuture(record(event.mode(WriteMode.BATCHED)));
	}

}
