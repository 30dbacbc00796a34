package dev.foundation.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.foundation.audit.AuditEventFilter;
import dev.foundation.audit.AuditEventQuery;
import dev.foundation.audit.AuditTenantScope;
import dev.foundation.audit.StoredAuditEvent;
import dev.foundation.core.paging.CursorCodec;
import dev.foundation.core.paging.CursorPage;
import dev.foundation.core.paging.CursorRequest;
import dev.foundation.core.paging.KeysetOrder;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Lists events with plain SQL over the {@code (tenant_id, occurred_at, id)} index.
 */
public final class JdbcAuditEventQuery implements AuditEventQuery {

	private static final KeysetOrder ORDER = KeysetOrder.descending("occurredAt", Instant.class)
		.thenDescending("id", UUID.class);

	private final AuditTenantScope scope;

	private final TransactionOperations readOnly;

	private final JdbcTemplate jdbc;

	private final String schema;

	/**
	 * Creates the query.
	 * @param scope the tenant scope
	 * @param readOnly a template running a new read-only transaction
	 * @param dataSource the data source
	 * @param schema the foundation's schema
	 */
	public JdbcAuditEventQuery(AuditTenantScope scope, TransactionOperations readOnly, DataSource dataSource,
			String schema) {
		this.scope = scope;
		this.readOnly = readOnly;
		this.jdbc = new JdbcTemplate(dataSource);
		this.schema = Schemas.check(schema);
	}

	@Override
	public CursorPage<StoredAuditEvent> find(UUID tenantId, AuditEventFilter filter, CursorRequest page) {
		KeysetScrollPosition position = page.position(ORDER);
		StringBuilder sql = new StringBuilder("select id, tenant_id, seq, occurred_at, actor_id, actor_kind, action, "
				+ "resource_type, resource_id, outcome, correlation_id, client_ip, user_agent, details::text, "
				+ "prev_hash, hash from ")
			.append(this.schema)
			.append(".audit_events where tenant_id = ?");
		List<Object> args = new ArrayList<>();
		args.add(tenantId);
		condition(sql, args, "actor_id = ?", filter.actorId());
		condition(sql, args, "action = ?", filter.action());
		condition(sql, args, "resource_type = ?", filter.resourceType());
		condition(sql, args, "resource_id = ?", filter.resourceId());
		condition(sql, args, "outcome = ?", (filter.outcome() != null) ? filter.outcome().code() : null);
		condition(sql, args, "occurred_at >= ?", (filter.from() != null) ? Timestamp.from(filter.from()) : null);
		condition(sql, args, "occurred_at < ?", (filter.to() != null) ? Timestamp.from(filter.to()) : null);
		if (!position.isInitial()) {
			Map<String, Object> keys = position.getKeys();
			sql.append(" and (occurred_at, id) < (?, ?)");
			args.add(Timestamp.from((Instant) keys.get("occurredAt")));
			args.add(keys.get("id"));
		}
		sql.append(" order by occurred_at desc, id desc limit ?");
		args.add(page.size() + 1);
		List<StoredAuditEvent> rows = this.scope.call(tenantId, () -> this.readOnly.execute(
				(status) -> this.jdbc.query(sql.toString(), (ResultSet row, int n) -> toEvent(row), args.toArray())));
		if (rows == null) {
			rows = List.of();
		}
		if (rows.size() <= page.size()) {
			return new CursorPage<>(rows, null);
		}
		List<StoredAuditEvent> items = rows.subList(0, page.size());
		StoredAuditEvent last = items.get(items.size() - 1);
		String next = CursorCodec
			.encode(ScrollPosition.forward(Map.of("occurredAt", last.occurredAt(), "id", last.id())));
		return new CursorPage<>(List.copyOf(items), next);
	}

	private static void condition(StringBuilder sql, List<Object> args, String predicate, @Nullable Object value) {
		if (value != null) {
			sql.append(" and ").append(predicate);
			args.add(value);
		}
	}

	static StoredAuditEvent toEvent(ResultSet row) throws SQLException {
		return new StoredAuditEvent(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getLong(3),
				row.getObject(4, OffsetDateTime.class).toInstant(), row.getString(5), row.getString(6),
				row.getString(7), row.getString(8), row.getString(9), row.getString(10), row.getString(11),
				row.getString(12), row.getString(13), CanonicalForm.canonicalText(row.getString(14)), row.getString(15),
				row.getString(16));
	}

}
