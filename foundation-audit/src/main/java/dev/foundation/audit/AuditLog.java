package dev.foundation.audit;

import java.util.UUID;

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

}
