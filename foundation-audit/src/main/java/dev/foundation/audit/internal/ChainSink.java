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

}
