package dev.foundation.audit.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.foundation.audit.AuditEvent;
import org.jspecify.annotations.Nullable;

/**
 * Appends events to one chain inside the caller's transaction, in two statements:
 * <ol>
 * <li>lock the chain's head row, creating it if missing ({@code insert ... on conflict do
 * update ... returning}), which serializes appends to the chain across every application
 * instance until the transaction ends;</li>
 * <li>insert all events (one {@code unnest} of arrays, whatever their number) and move
 * the head, in one statement.</li>
 * </ol>
 * Sequence numbers follow the head; times are the clock's, but never earlier than one
 * microsecond after the head's, so time order is chain order (retention drops a prefix).
 */
public final class ChainAppender {

	/** The chain key of system events (the nil UUID). */
	public static final UUID SYSTEM_CHAIN = new UUID(0, 0);

	private final String lockHead;

	private final String append;

	private final Clock clock;

	/**
	 * Creates an appender.
	 * @param schema the schema of the audit tables (a plain lowercase identifier)
	 * @param clock the clock
	 */
	public ChainAppender(String schema, Clock clock) {
		Schemas.check(schema);
		this.clock = clock;
		this.lockHead = "insert into " + schema + ".audit_chain_heads "
				+ "(chain_key, tenant_id, last_seq, last_hash, last_occurred_at) "
				+ "values (?, ?, 0, repeat('0', 64), timestamptz '1970-01-01 00:00:00Z') "
				+ "on conflict (chain_key) do update set last_seq = " + schema + ".audit_chain_heads.last_seq "
				+ "returning last_seq, last_hash, last_occurred_at";
		this.append = "with appended as (insert into " + schema + ".audit_events (id, tenant_id, seq, occurred_at, "
				+ "actor_id, actor_kind, action, resource_type, resource_id, outcome, correlation_id, client_ip, "
				+ "user_agent, details, prev_hash, hash) "
				+ "select e.id::uuid, e.tenant_id::uuid, e.seq::bigint, e.occurred_at::timestamptz, e.actor_id, "
				+ "e.actor_kind, e.action, e.resource_type, e.resource_id, e.outcome, e.correlation_id, "
				+ "e.client_ip, e.user_agent, e.details::jsonb, e.prev_hash, e.hash "
				+ "from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
				+ "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
				+ "?::text[]) as e(id, tenant_id, seq, occurred_at, actor_id, actor_kind, action, resource_type, "
				+ "resource_id, outcome, correlation_id, client_ip, user_agent, details, prev_hash, hash)) " + "update "
				+ schema + ".audit_chain_heads set last_seq = ?, last_hash = ?, "
				+ "last_occurred_at = ?::timestamptz where chain_key = ?";
	}

	/**
	 * Appends events of one chain.
	 * @param connection the connection of the running transaction
	 * @param tenantId the chain's tenant, {@code null} for the system chain
	 * @param events the events, all of that tenant, in order
	 * @return the stored hash of each event, in order
	 * @throws SQLException if the database refuses
	 */
	public List<String> append(Connection connection, @Nullable UUID tenantId, List<AuditEvent> events)
			throws SQLException {
		for (AuditEvent event : events) {
			if (!Objects.equals(event.tenantId(), tenantId)) {
				throw new IllegalArgumentException("Event " + event.id() + " is not of chain " + tenantId);
			}
		}
		UUID chain = (tenantId != null) ? tenantId : SYSTEM_CHAIN;
		long seq;
		String hash;
		Instant last;
		try (PreparedStatement statement = connection.prepareStatement(this.lockHead)) {
			statement.setObject(1, chain);
			statement.setObject(2, tenantId);
			try (ResultSet head = statement.executeQuery()) {
				head.next();
				seq = head.getLong(1);
				hash = head.getString(2);
				last = head.getObject(3, java.time.OffsetDateTime.class).toInstant();
			}
		}
		int n = events.size();
		List<@Nullable String[]> columns = new ArrayList<>(16);
		for (int c = 0; c < 16; c++) {
			columns.add(new String[n]);
		}
		String[] hashes = new String[n];
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		for (int i = 0; i < n; i++) {
			AuditEvent event = events.get(i);
			Instant time = now.isAfter(last) ? now : last.plus(1, ChronoUnit.MICROS);
			seq++;
			CanonicalForm.Row row = new CanonicalForm.Row(event.id(), tenantId, seq, time, event.actorId(),
					event.actorKind().code(), event.action(), event.resourceType(), event.resourceId(),
					event.outcome().code(), event.correlationId(), event.clientIp(), event.userAgent(), event.details(),
					hash);
			String next = CanonicalForm.hash(row);
			@Nullable String[] values = { event.id().toString(), (tenantId != null) ? tenantId.toString() : null,
					Long.toString(seq), CanonicalForm.time(time), event.actorId(), event.actorKind().code(),
					event.action(), event.resourceType(), event.resourceId(), event.outcome().code(),
					event.correlationId(), event.clientIp(), event.userAgent(), event.details(), hash, next };
			for (int c = 0; c < values.length; c++) {
				columns.get(c)[i] = values[c];
			}
			hashes[i] = next;
			hash = next;
			last = time;
		}
		try (PreparedStatement statement = connection.prepareStatement(this.append)) {
			for (int c = 0; c < columns.size(); c++) {
				Array array = connection.createArrayOf("text", columns.get(c));
				statement.setArray(c + 1, array);
			}
			statement.setLong(17, seq);
			statement.setString(18, hash);
			statement.setString(19, CanonicalForm.time(last));
			statement.setObject(20, chain);
			statement.executeUpdate();
		}
		return List.of(hashes);
	}

}
