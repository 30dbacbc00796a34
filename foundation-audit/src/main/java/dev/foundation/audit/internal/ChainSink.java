package dev.foundation.audit.internal;

import java.util.List;
import java.util.UUID;

import dev.foundation.audit.AuditEvent;
import org.jspecify.annotations.Nullable;

/**
 * Where the group-commit writer sends one chain's events: appended and committed when the
 * call returns.
 */
@FunctionalInterface
public interface ChainSink {

	/**
	 * Appends and commits.
	 * @param tenantId the chain
	 * @param events its events, in order
	 */
	void append(@Nullable UUID tenantId, List<AuditEvent> events);

	/**
	 * Appends and commits, calling back once the events were sent and before the commit
	 * (so the caller may go on while the commit is flushed).
	 * @param tenantId the chain
	 * @param events its events, in order
	 * @param sent called on this thread once the events were sent, at the latest when the
	 * call returns; it may be called more than once, so it must be idempotent
	 */
	default void append(@Nullable UUID tenantId, List<AuditEvent> events, Runnable sent) {
		try {
			append(tenantId, events);
		}
		finally {
			sent.run();
		}
	}

}
