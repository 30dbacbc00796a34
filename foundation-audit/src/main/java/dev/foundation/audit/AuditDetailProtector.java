package dev.foundation.audit;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Turns a detail marked as personal data into what is stored in the audit log: a
 * ciphertext under the tenant's key (when an encryption module is present) or a
 * redaction. Never the clear value.
 * <p>
 * What this returns is what the event's hash covers, so a tenant whose key is destroyed
 * (crypto-shredding) keeps a chain that still verifies. The default,
 * {@link RedactingDetailProtector}, stores a fixed marker; an application with field
 * encryption provides a bean of this type that encrypts, e.g.
 * {@code (tenant, column, value) -> encryptor.encryptToString(value, EncryptionContext.of(tenant, "audit_events", column))}.
 */
@FunctionalInterface
public interface AuditDetailProtector {

	/** The table name to use as associated data when encrypting. */
	String TABLE = "audit_events";

	/**
	 * Protects one detail value.
	 * @param tenantId the tenant of the event, {@code null} for a system event
	 * @param column where the value is stored: {@code details.<key>}
	 * @param value the clear value
	 * @return the value to store, never the clear value
	 */
	String protect(@Nullable UUID tenantId, String column, String value);

}
