package dev.foundation.crypto;

import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A key operation of the crypto module, published as a Spring application event once it
 * is done, for audit logs and alerts (the audit module records each one). Events name
 * tenants, key versions and master key ids, never key material or values.
 * <p>
 * Events are published synchronously on the thread that did the work; a listener that
 * throws makes the call that published it throw, after the work was done. Every operation
 * behind an event can be repeated safely (re-wrapping, shredding and re-encryption are
 * idempotent), so the caller can retry until the event is recorded.
 */
public sealed interface CryptoEvent {

	/**
	 * The data keys not yet wrapped by the active master key were re-wrapped under it
	 * ({@link DataKeys#rewrapAll()}): the master key's rotation.
	 *
	 * @param activeMasterKeyId the master key that now wraps them
	 * @param rewrapped how many data keys were re-wrapped
	 * @param failed how many could not be unwrapped and were left as they were
	 */
	record DataKeysRewrapped(String activeMasterKeyId, int rewrapped, int failed) implements CryptoEvent {

		public DataKeysRewrapped {
			Objects.requireNonNull(activeMasterKeyId, "activeMasterKeyId");
		}

	}

	/**
	 * A tenant got a new data key version ({@link DataKeys#rotate(UUID)}).
	 *
	 * @param tenantId the tenant, {@code null} for the system's keys
	 * @param version the new active version
	 */
	record DataKeyRotated(@Nullable UUID tenantId, int version) implements CryptoEvent {

	}

	/**
	 * A tenant's data keys were destroyed ({@link DataKeys#shred(UUID)}), also when they
	 * already were.
	 *
	 * @param tenantId the tenant
	 */
	record TenantShredded(UUID tenantId) implements CryptoEvent {

		public TenantShredded {
			Objects.requireNonNull(tenantId, "tenantId");
		}

	}

	/**
	 * A run of the re-encryption job started on a table.
	 *
	 * @param table the table
	 */
	record ReEncryptionStarted(String table) implements CryptoEvent {

		public ReEncryptionStarted {
			Objects.requireNonNull(table, "table");
		}

	}

	/**
	 * A run of the re-encryption job ended on a table, at its end or after its batch
	 * budget ({@link ReEncryptionReport#finished()}).
	 *
	 * @param table the table
	 * @param report what the run did
	 */
	record ReEncryptionFinished(String table, ReEncryptionReport report) implements CryptoEvent {

		public ReEncryptionFinished {
			Objects.requireNonNull(table, "table");
			Objects.requireNonNull(report, "report");
		}

	}

}
