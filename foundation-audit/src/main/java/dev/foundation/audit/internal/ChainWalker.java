package dev.foundation.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

import dev.foundation.audit.ChainVerification;
import dev.foundation.audit.ChainVerification.Problem;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a chain over plain JDBC (so the command-line verifier needs no Spring):
 * streams the events in sequence order and checks each one's number, link and hash, then
 * compares the end with the chain's head row.
 */
public final class ChainWalker {

	private static final int FETCH_SIZE = 1000;

	private final String events;

	private final String head;

	private final String retention;

	private final @Nullable CheckpointSignatures signatures;

	/**
	 * Creates a walker that trusts retention checkpoints without checking their
	 * signatures (no public key at hand).
	 * @param schema the schema of the audit tables
	 */
	public ChainWalker(String schema) {
		this(schema, null);
	}

	/**
	 * Creates a walker.
	 * @param schema the schema of the audit tables
	 * @param signatures the trusted checkpoint keys: the retention checkpoint a chain
	 * starts at must name one of them and carry its signature; {@code null} to trust it
	 * unchecked
	 */
	public ChainWalker(String schema, @Nullable CheckpointSignatures signatures) {
		Schemas.check(schema);
		this.signatures = signatures;
		this.events = "select id, tenant_id, seq, occurred_at, actor_id, actor_kind, action, resource_type, "
				+ "resource_id, outcome, correlation_id, client_ip, user_agent, details::text, prev_hash, hash from "
				+ schema + ".audit_events where tenant_id is not distinct from ? order by seq, id";
		this.head = "select last_seq, last_hash from " + schema + ".audit_chain_heads where chain_key = ?";
		this.retention = "select seq, hash, signed_at, payload, signature, key_id from " + schema
				+ ".audit_checkpoints where chain_key = ? and retention order by seq desc limit 1";
	}

	/**
	 * Walks a chain. The connection must see the chain's rows (the tenant bound, or a
	 * role that reads every row) and must not be in autocommit mode for the rows to
	 * stream.
	 * @param connection the connection
	 * @param tenantId the tenant, {@code null} for the system chain
	 * @return the result
	 * @throws SQLException if reading fails
	 */
	public ChainVerification walk(Connection connection, @Nullable UUID tenantId) throws SQLException {
		long expected = 1;
		String previousHash = CanonicalForm.GENESIS;
		// After retention the chain starts at its checkpoint: the last dropped event.
		try (PreparedStatement statement = connection.prepareStatement(this.retention)) {
			statement.setObject(1, (tenantId != null) ? tenantId : ChainAppender.SYSTEM_CHAIN);
			try (ResultSet checkpoint = statement.executeQuery()) {
				if (checkpoint.next()) {
					long seq = checkpoint.getLong(1);
					String hash = checkpoint.getString(2);
					String forged = (this.signatures != null) ? forgery(this.signatures, tenantId, seq, hash,
							checkpoint.getObject(3, OffsetDateTime.class).toInstant(), checkpoint.getString(4),
							checkpoint.getString(5), checkpoint.getString(6)) : null;
					if (forged != null) {
						return broken(tenantId, 0, 0, 0, Problem.FORGED_CHECKPOINT, seq,
								"the retention checkpoint the chain starts at (event " + seq + ") " + forged
										+ ", so where the chain starts cannot be trusted");
					}
					expected = seq + 1;
					previousHash = hash;
				}
			}
		}
		long start = expected;
		long checked = 0;
		long first = 0;
		try (PreparedStatement statement = connection.prepareStatement(this.events)) {
			statement.setFetchSize(FETCH_SIZE);
			statement.setObject(1, tenantId);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					long seq = rows.getLong(3);
					if (seq < start) {
						continue;
					}
					String prevHash = rows.getString(15);
					String storedHash = rows.getString(16);
					if (checked == 0) {
						first = seq;
					}
					if (seq < expected) {
						return broken(tenantId, checked, first, expected - 1, Problem.DUPLICATE, seq,
								"sequence number " + seq + " appears more than once");
					}
					if (seq > expected) {
						return broken(tenantId, checked, first, expected - 1, Problem.GAP, expected,
								"sequence number " + expected + " is missing (next present: " + seq + ")");
					}
					CanonicalForm.Row row = new CanonicalForm.Row(rows.getObject(1, UUID.class),
							rows.getObject(2, UUID.class), seq, rows.getObject(4, OffsetDateTime.class).toInstant(),
							rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8),
							rows.getString(9), rows.getString(10), rows.getString(11), rows.getString(12),
							rows.getString(13), CanonicalForm.canonicalText(rows.getString(14)), prevHash);
					checked++;
					if (!CanonicalForm.hash(row).equals(storedHash)) {
						return broken(tenantId, checked, first, seq, Problem.MODIFIED, seq, "event " + seq
								+ " does not hash to its stored hash: it was changed after it was written");
					}
					if (!prevHash.equals(previousHash)) {
						return broken(tenantId, checked, first, seq, Problem.BROKEN_LINK, seq,
								"event " + seq + " does not link to event " + (seq - 1));
					}
					previousHash = storedHash;
					expected = seq + 1;
				}
			}
		}
		long last = expected - 1;
		try (PreparedStatement statement = connection.prepareStatement(this.head)) {
			statement.setObject(1, (tenantId != null) ? tenantId : ChainAppender.SYSTEM_CHAIN);
			try (ResultSet row = statement.executeQuery()) {
				if (row.next()) {
					long headSeq = row.getLong(1);
					if (headSeq > last) {
						return broken(tenantId, checked, first, last, Problem.MISSING_TAIL, last + 1,
								"the chain ends at " + last + " but its head is at " + headSeq
										+ ": the newest events are missing");
					}
					if (headSeq == last && last > 0 && !row.getString(2).equals(previousHash)) {
						return broken(tenantId, checked, first, last, Problem.MODIFIED, last,
								"the last event's hash differs from the chain head's");
					}
				}
			}
		}
		return new ChainVerification(tenantId, true, checked, first, last, null, null, null);
	}

	// The payload must be the one these columns make (so that seq and hash, which the
	// walk uses, are what was signed), its key id a trusted key's and its signature that
	// key's. The key id itself is not signed: naming another trusted key than the signer
	// only makes the signature fail.
	private static @Nullable String forgery(CheckpointSignatures signatures, @Nullable UUID tenantId, long seq,
			String hash, java.time.Instant signedAt, String payload, String signature, String keyId) {
		if (!signatures.trusts(keyId)) {
			return "names the key '" + keyId + "', which is not a trusted checkpoint key (trusted: "
					+ String.join(", ", signatures.keyIds()) + "): an unknown key, or one no longer trusted";
		}
		if (!JdbcAuditCheckpoints.payload(tenantId, seq, hash, signedAt).equals(payload)
				|| !signatures.verify(keyId, payload, signature)) {
			return "is not signed by the trusted key it names ('" + keyId + "'): it was forged or changed";
		}
		return null;
	}

	private static ChainVerification broken(@Nullable UUID tenantId, long checked, long first, long last,
			Problem problem, long badSeq, String message) {
		return new ChainVerification(tenantId, false, checked, first, last, problem, badSeq, message);
	}

}
