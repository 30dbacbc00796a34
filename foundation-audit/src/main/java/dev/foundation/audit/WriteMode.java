package dev.foundation.audit;

/**
 * How an event reaches the database, and so what "recorded" means when {@link AuditLog}
 * returns.
 */
public enum WriteMode {

	/**
	 * {@link #TRANSACTIONAL} when a transaction is active on the calling thread and the
	 * event is not a failure, {@link #BATCHED} otherwise.
	 */
	AUTO,

	/**
	 * Written in the caller's transaction, just before it commits: the event commits or
	 * rolls back with the business change. When {@code record} returns, the event is only
	 * queued in the transaction; it is acknowledged when that transaction commits.
	 */
	TRANSACTIONAL,

	/**
	 * Handed to the group-commit writer: {@code record} returns only after the batch
	 * holding the event has committed, in a transaction of its own.
	 */
	BATCHED

}
