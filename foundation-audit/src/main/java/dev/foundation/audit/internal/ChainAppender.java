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
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import dev.foundation.audit.AuditEvent;
import org.jspecify.annotations.Nullable;

/**
 * Appends events to one chain inside the caller's transaction.
 * <p>
 * The usual case takes one statement: the appender remembers each chain's head as it last
 * wrote it, computes the events' numbers and hashes from that, and sends one
 * {@code update} of the head row <em>conditional on the head still being that one</em>
 * (which takes the row's lock, serializing appends to the chain across every application
 * instance until the transaction ends) with the {@code insert} of all events (one
 * {@code unnest} of arrays) depending on it. If another writer moved the head (another
 * instance, a rolled-back transaction, or a chain not seen yet), nothing is changed and
 * the appender falls back, in the same transaction, to two statements: lock and read the
 * head ({@code insert ... on conflict do update ... returning}), then insert and move it.
 * <p>
 * Sequence numbers follow the head; times are the clock's, but never earlier than one
 * microsecond after the head's, so time order is chain order (retention drops a prefix).
 */
public final class ChainAppender {

	/** The chain key of system events (the nil UUID). */
	public static final UUID SYSTEM_CHAIN = new UUID(0, 0);

	// Heads remembered; beyond this many chains the memory starts over (a miss costs one
	// statement, never correctness).
	private static final int MAX_HEADS = 10_000;

	private static final int COLUMNS = 16;

	private final String lockHead;

	private final String append;

	private final String appendIfHead;

	private final Clock clock;

	private final Map<UUID, Head> heads = new ConcurrentHashMap<>();

	private final Map<UUID, ReentrantLock> ordering = new ConcurrentHashMap<>();

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
		String insert = "insert into " + schema + ".audit_events (id, tenant_id, seq, occurred_at, "
				+ "actor_id, actor_kind, action, resource_type, resource_id, outcome, correlation_id, client_ip, "
				+ "user_agent, details, prev_hash, hash) "
				+ "select e.id::uuid, e.tenant_id::uuid, e.seq::bigint, e.occurred_at::timestamptz, e.actor_id, "
				+ "e.actor_kind, e.action, e.resource_type, e.resource_id, e.outcome, e.correlation_id, "
				+ "e.client_ip, e.user_agent, e.details::jsonb, e.prev_hash, e.hash "
				+ "from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
				+ "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
				+ "?::text[]) as e(id, tenant_id, seq, occurred_at, actor_id, actor_kind, action, resource_type, "
				+ "resource_id, outcome, correlation_id, client_ip, user_agent, details, prev_hash, hash)";
		String moveHead = "update " + schema + ".audit_chain_heads set last_seq = ?, last_hash = ?, "
				+ "last_occurred_at = ?::timestamptz where chain_key = ?";
		this.append = "with appended as (" + insert + ") " + moveHead;
		// A data-modifying WITH runs once, to completion, whether or not it is read; the
		// insert reads it, so it inserts nothing unless the head was the expected one.
		// Under READ COMMITTED an update waiting for another transaction's lock
		// re-checks its condition on the committed row, so a head moved meanwhile is
		// seen as moved.
		this.appendIfHead = "with head as (" + moveHead + " and last_seq = ? and last_hash = ? returning 1) " + insert
				+ " where exists (select 1 from head)";
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
		// Only an optimization, never what keeps the chain correct (the head row's lock
		// and condition do that, across instances): appends of one chain from this JVM
		// send their statements one after the other, so each computes its hashes from
		// the head the previous one left rather than finding it moved.
		ReentrantLock order = this.ordering.computeIfAbsent(chain, (key) -> new ReentrantLock());
		order.lock();
		try {
			return appendInOrder(connection, chain, tenantId, events);
		}
		finally {
			order.unlock();
		}
	}

	private List<String> appendInOrder(Connection connection, UUID chain, @Nullable UUID tenantId,
			List<AuditEvent> events) throws SQLException {
		Head remembered = this.heads.get(chain);
		if (remembered != null) {
			Rows rows = rows(tenantId, events, remembered);
			int inserted;
			try (PreparedStatement statement = connection.prepareStatement(this.appendIfHead)) {
				bindMove(statement, 1, chain, rows.head());
				statement.setLong(5, remembered.seq());
				statement.setString(6, remembered.hash());
				bindColumns(connection, statement, 7, rows.columns());
				inserted = statement.executeUpdate();
			}
			if (inserted == events.size()) {
				remember(chain, rows.head());
				return rows.hashes();
			}
			if (inserted != 0) {
				throw new IllegalStateException("Inserted " + inserted + " of " + events.size() + " audit events");
			}
			this.heads.remove(chain, remembered);
		}
		Head head;
		try (PreparedStatement statement = connection.prepareStatement(this.lockHead)) {
			statement.setObject(1, chain);
			statement.setObject(2, tenantId);
			try (ResultSet row = statement.executeQuery()) {
				row.next();
				head = new Head(row.getLong(1), row.getString(2),
						row.getObject(3, java.time.OffsetDateTime.class).toInstant());
			}
		}
		Rows rows = rows(tenantId, events, head);
		try (PreparedStatement statement = connection.prepareStatement(this.append)) {
			bindColumns(connection, statement, 1, rows.columns());
			bindMove(statement, COLUMNS + 1, chain, rows.head());
			statement.executeUpdate();
		}
		remember(chain, rows.head());
		return rows.hashes();
	}

	/**
	 * Forgets the remembered heads (the next append of each chain reads its head).
	 */
	public void forgetHeads() {
		this.heads.clear();
	}

	private void remember(UUID chain, Head head) {
		// Remembered before the commit: if the transaction rolls back, the next append's
		// condition fails and it reads the head instead.
		if (this.heads.size() >= MAX_HEADS && !this.heads.containsKey(chain)) {
			this.heads.clear();
			// A lock in use may be dropped: its holders and the next caller then do not
			// wait for each other, which costs at most a fallback.
			this.ordering.clear();
		}
		this.heads.put(chain, head);
	}

	private Rows rows(@Nullable UUID tenantId, List<AuditEvent> events, Head head) {
		int n = events.size();
		// One array per column (NullAway reads the nullness of 1-dimensional arrays'
		// contents
		// only): SQL nulls are null elements.
		List<@Nullable String[]> columns = new ArrayList<>(COLUMNS);
		for (int c = 0; c < COLUMNS; c++) {
			columns.add(new @Nullable String[n]);
		}
		String[] hashes = new String[n];
		long seq = head.seq();
		String hash = head.hash();
		Instant last = head.occurredAt();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		String tenant = (tenantId != null) ? tenantId.toString() : null;
		for (int i = 0; i < n; i++) {
			AuditEvent event = events.get(i);
			Instant time = now.isAfter(last) ? now : last.plus(1, ChronoUnit.MICROS);
			seq++;
			CanonicalForm.Row row = new CanonicalForm.Row(event.id(), tenantId, seq, time, event.actorId(),
					event.actorKind().code(), event.action(), event.resourceType(), event.resourceId(),
					event.outcome().code(), event.correlationId(), event.clientIp(), event.userAgent(), event.details(),
					hash);
			String next = CanonicalForm.hash(row);
			columns.get(0)[i] = event.id().toString();
			columns.get(1)[i] = tenant;
			columns.get(2)[i] = Long.toString(seq);
			columns.get(3)[i] = CanonicalForm.time(time);
			columns.get(4)[i] = event.actorId();
			columns.get(5)[i] = event.actorKind().code();
			columns.get(6)[i] = event.action();
			columns.get(7)[i] = event.resourceType();
			columns.get(8)[i] = event.resourceId();
			columns.get(9)[i] = event.outcome().code();
			columns.get(10)[i] = event.correlationId();
			columns.get(11)[i] = event.clientIp();
			columns.get(12)[i] = event.userAgent();
			columns.get(13)[i] = event.details();
			columns.get(14)[i] = hash;
			columns.get(15)[i] = next;
			hashes[i] = next;
			hash = next;
			last = time;
		}
		return new Rows(columns, List.of(hashes), new Head(seq, hash, last));
	}

	private static void bindColumns(Connection connection, PreparedStatement statement, int from,
			List<@Nullable String[]> columns) throws SQLException {
		for (int c = 0; c < columns.size(); c++) {
			Array array = connection.createArrayOf("text", columns.get(c));
			statement.setArray(from + c, array);
		}
	}

	private static void bindMove(PreparedStatement statement, int from, UUID chain, Head head) throws SQLException {
		statement.setLong(from, head.seq());
		statement.setString(from + 1, head.hash());
		statement.setString(from + 2, CanonicalForm.time(head.occurredAt()));
		statement.setObject(from + 3, chain);
	}

	private record Head(long seq, String hash, Instant occurredAt) {
	}

	private record Rows(List<@Nullable String[]> columns, List<String> hashes, Head head) {
	}

}
