package dev.foundation.audit;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Signs and lists checkpoints of chains. Available when
 * {@code foundation.audit.checkpoints.private-key} is configured.
 */
public interface AuditCheckpoints {

	/**
	 * Signs the chain's current head and stores the checkpoint.
	 * @param tenantId the tenant, {@code null} for the system chain
	 * @return the checkpoint
	 */
	SignedCheckpoint create(@Nullable UUID tenantId);

	/**
	 * Lists a chain's checkpoints, newest first, for export.
	 * @param tenantId the tenant, {@code null} for the system chain
	 * @return the checkpoints
	 */
	List<SignedCheckpoint> list(@Nullable UUID tenantId);

	/**
	 * Checks a checkpoint's signature with the trusted key its key id names: the active
	 * signing key or one of the trusted keys it replaced
	 * ({@code foundation.audit.checkpoints.trusted-keys}).
	 * @param checkpoint the checkpoint
	 * @return whether its key is trusted, the signature is that key's and the payload
	 * matches its fields
	 */
	boolean verify(SignedCheckpoint checkpoint);

}
