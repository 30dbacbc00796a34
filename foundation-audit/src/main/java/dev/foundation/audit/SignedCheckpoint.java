package dev.foundation.audit;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A chain's head at a time, signed: what to anchor elsewhere (a ticket, a notary, another
 * company's log) so that even the database's owner cannot rewrite the chain up to it
 * unnoticed.
 *
 * @param tenantId the chain's tenant, {@code null} for the system chain
 * @param seq the head's sequence number (0 for an empty chain)
 * @param hash the head's hash
 * @param signedAt when it was signed (microsecond precision)
 * @param keyId which key signed it
 * @param payload the signed text: RFC 8785 JSON of {@code chain}, {@code hash},
 * {@code seq}, {@code signed_at}, {@code v}
 * @param signature the Ed25519 signature of the payload's UTF-8 bytes, base64
 * @param retention whether retention dropped the events up to {@code seq}
 */
public record SignedCheckpoint(@Nullable UUID tenantId, long seq, String hash, Instant signedAt, String keyId,
		String payload, String signature, boolean retention) {

}
