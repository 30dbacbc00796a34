package dev.foundation.audit;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The result of walking one chain. Tampering is a finding, reported here, not an error.
 *
 * @param tenantId the chain's tenant, {@code null} for the system chain
 * @param intact whether every event links to the previous one, hashes to its stored hash
 * and the sequence numbers run without a gap up to the chain's head
 * @param eventsChecked how many events were read
 * @param firstSeq the first sequence number checked (after a retention checkpoint, where
 * the chain starts), 0 for an empty chain
 * @param lastSeq the last sequence number checked
 * @param problem what is wrong at {@code badSeq}, {@code null} when intact
 * @param badSeq the first sequence number found wrong, {@code null} when intact
 * @param message a sentence for people, {@code null} when intact
 */
public record ChainVerification(@Nullable UUID tenantId, boolean intact, long eventsChecked, long firstSeq,
		long lastSeq, @Nullable Problem problem, @Nullable Long badSeq, @Nullable String message) {

	/** What the verifier found wrong first. */
	public enum Problem {

		/** An event's stored hash is not the hash of its columns: the row was changed. */
		MODIFIED,

		/** An event's previous hash is not the previous event's hash. */
		BROKEN_LINK,

		/** A sequence number is missing: an event was deleted. */
		GAP,

		/** A sequence number appears twice. */
		DUPLICATE,

		/** The chain ends before its head row says: the newest events were deleted. */
		MISSING_TAIL,

		/**
		 * The retention checkpoint the chain starts at is not signed by a trusted
		 * checkpoint key: it names a key id that is not trusted (an unknown key, or one
		 * removed from the trusted keys), or its columns, payload or signature were
		 * changed, or it was inserted. The start of the chain cannot be trusted.
		 */
		FORGED_CHECKPOINT

	}

}
