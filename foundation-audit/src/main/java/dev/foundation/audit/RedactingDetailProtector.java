package dev.foundation.audit;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Stores {@value #REDACTED} instead of a personal-data detail: what the foundation does
 * when no encryption is configured. The event still shows that the attribute was there.
 */
public final class RedactingDetailProtector implements AuditDetailProtector {

	/** The stored value. */
	public static final String REDACTED = "[redacted]";

	@Override
	public String protect(@Nullable UUID tenantId, String column, String value) {
		return REDACTED;
	}

}
