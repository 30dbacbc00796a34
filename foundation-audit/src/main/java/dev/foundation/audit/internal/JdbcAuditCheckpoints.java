package dev.foundation.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import javax.sql.DataSource;

import dev.foundation.audit.AuditCheckpoints;
import dev.foundation.audit.AuditTenantScope;
import dev.foundation.audit.SignedCheckpoint;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Signs chain heads and stores the checkpoints in {@code audit_checkpoints}.
 */
public final class JdbcAuditCheckpoints implements AuditCheckpoints {

	private final AuditTenantScope scope;

	private final TransactionOperations transactions;

	private final JdbcTemplate jdbc;

	private final String schema;

	private final CheckpointKey key;

	private final CheckpointSignatures trusted;

	private final Clock clock;

	/**
	 * Creates the checkpoints, trusting only the signing key's own checkpoints.
	 * @param scope the tenant scope
	 * @param transactions a template running a new transaction
	 * @param dataSource the data source
	 * @param schema the foundation's schema
	 * @param key the signing key
	 * @param clock the clock
	 */
	public JdbcAuditCheckpoints(AuditTenantScope scope, TransactionOperations transactions, DataSource dataSource,
			String schema, CheckpointKey key, Clock clock) {
		this(scope, transactions, dataSource, schema, key,
				new CheckpointSignatures(Map.of(key.keyId(), key.publicKey())), clock);
	}

	/**
	 * Creates the checkpoints.
	 * @param scope the tenant scope
	 * @param transactions a template running a new transaction
	 * @param dataSource the data source
	 * @param schema the foundation's schema
	 * @param key the signing key (the active one)
	 * @param trusted the keys whose checkpoints {@link #verify} accepts: the active one
	 * and those it replaced
	 * @param clock the clock
	 */
	public JdbcAuditCheckpoints(AuditTenantScope scope, TransactionOperations transactions, DataSource dataSource,
			String schema, CheckpointKey key, CheckpointSignatures trusted, Clock clock) {
		this.scope = scope;
		this.transactions = transactions;
		this.jdbc = new JdbcTemplate(dataSource);
		this.schema = Schemas.check(schema);
		this.key = key;
		this.trusted = trusted;
		this.clock = clock;
	}

	@Override
	public SignedCheckpoint create(@Nullable UUID tenantId) {
		return this.scope.call(tenantId, () -> this.transactions.execute((status) -> {
			UUID chain = (tenantId != null) ? tenantId : ChainAppender.SYSTEM_CHAIN;
			List<Map<String, @Nullable Object>> head = this.jdbc.queryForList(
					"select last_seq, last_hash from " + this.schema + ".audit_chain_heads where chain_key = ?", chain);
			// Both columns are not null in the schema.
			long seq = head.isEmpty() ? 0 : ((Number) Objects.requireNonNull(head.get(0).get("last_seq"))).longValue();
			String hash = head.isEmpty() ? CanonicalForm.GENESIS
					: (String) Objects.requireNonNull(head.get(0).get("last_hash"));
			SignedCheckpoint checkpoint = sign(this.key, tenantId, seq, hash,
					this.clock.instant().truncatedTo(ChronoUnit.MICROS), false);
			insert(this.jdbc, this.schema, checkpoint);
			return checkpoint;
		}));
	}

	@Override
	public List<SignedCheckpoint> list(@Nullable UUID tenantId) {
		UUID chain = (tenantId != null) ? tenantId : ChainAppender.SYSTEM_CHAIN;
		return this.scope.call(tenantId, () -> this.transactions.execute((status) -> this.jdbc.query(
				"select tenant_id, seq, hash, signed_at, " + "key_id, payload, signature, retention from " + this.schema
						+ ".audit_checkpoints where chain_key = ? order by seq desc, signed_at desc",
				(ResultSet row, int n) -> toCheckpoint(row), chain)));
	}

	@Override
	public boolean verify(SignedCheckpoint checkpoint) {
		String expected = payload(checkpoint.tenantId(), checkpoint.seq(), checkpoint.hash(), checkpoint.signedAt());
		return expected.equals(checkpoint.payload())
				&& this.trusted.verify(checkpoint.keyId(), checkpoint.payload(), checkpoint.signature());
	}

	static SignedCheckpoint sign(CheckpointKey key, @Nullable UUID tenantId, long seq, String hash, Instant signedAt,
			boolean retention) {
		String payload = payload(tenantId, seq, hash, signedAt);
		return new SignedCheckpoint(tenantId, seq, hash, signedAt, key.keyId(), payload, key.sign(payload), retention);
	}

	// RFC 8785 form: keys in sorted order, only plain ASCII values.
	static String payload(@Nullable UUID tenantId, long seq, String hash, Instant signedAt) {
		return "{\"chain\":\"" + ((tenantId != null) ? tenantId : "system") + "\",\"hash\":\"" + hash + "\",\"seq\":"
				+ seq + ",\"signed_at\":\"" + CanonicalForm.time(signedAt) + "\",\"v\":1}";
	}

	static void insert(JdbcTemplate jdbc, String schema, SignedCheckpoint checkpoint) {
		UUID chain = (checkpoint.tenantId() != null) ? checkpoint.tenantId() : ChainAppender.SYSTEM_CHAIN;
		// The application role may not write the retention column (it defaults to false);
		// only retention, run as the owner, sets it.
		String columns = "id, chain_key, tenant_id, seq, hash, signed_at, key_id, payload, signature"
				+ (checkpoint.retention() ? ", retention" : "");
		String values = "?, ?, ?, ?, ?, ?, ?, ?, ?" + (checkpoint.retention() ? ", true" : "");
		jdbc.update("insert into " + schema + ".audit_checkpoints (" + columns + ") values (" + values + ")",
				Uuids.timeOrdered(), chain, checkpoint.tenantId(), checkpoint.seq(), checkpoint.hash(),
				Timestamp.from(checkpoint.signedAt()), checkpoint.keyId(), checkpoint.payload(),
				checkpoint.signature());
	}

	private static SignedCheckpoint toCheckpoint(ResultSet row) throws SQLException {
		return new SignedCheckpoint(row.getObject(1, UUID.class), row.getLong(2), row.getString(3),
				row.getObject(4, OffsetDateTime.class).toInstant(), row.getString(5), row.getString(6),
				row.getString(7), row.getBoolean(8));
	}

}
