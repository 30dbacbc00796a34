package dev.foundation.audit;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Walks a chain and reports the first broken link, gap or modified row.
 */
@FunctionalInterface
public interface AuditChainVerifier {

	/**
	 * Verifies one chain; records an {@code audit.verify} event with the result.
	 * @param tenantId the tenant, {@code null} for the system chain (system scope only)
	 * @return the result
	 */
	ChainVerification verify(@Nullable UUID tenantId);

}
