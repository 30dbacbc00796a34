package dev.foundation.audit.internal;

/**
 * What the writers report; the auto-configuration adapts it to Micrometer.
 */
public interface AuditWriterMetrics {

	/** Reports nothing. */
	AuditWriterMetrics NONE = new AuditWriterMetrics() {
	};

	/**
	 * A batch (or a transaction's events) committed.
	 * @param mode {@code batched} or {@code transactional}
	 * @param size how many events
	 * @param nanos how long the write took
	 */
	default void written(String mode, int size, long nanos) {
	}

	/**
	 * A write failed; its callers got an error.
	 * @param mode {@code batched} or {@code transactional}
	 * @param size how many events
	 */
	default void failed(String mode, int size) {
	}

	/**
	 * A caller gave up waiting for room in the full queue.
	 */
	default void rejected() {
	}

	/**
	 * A security event of an error response was not recorded (queue full, writer stopped
	 * or write failed): the response did not wait for it.
	 */
	default void securityEventDropped() {
	}

}
