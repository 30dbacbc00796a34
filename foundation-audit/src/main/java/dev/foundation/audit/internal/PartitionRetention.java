package dev.foundation.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.foundation.audit.ActorKind;
import dev.foundation.audit.AuditLog;
import dev.foundation.audit.SignedCheckpoint;
import dev.foundation.audit.WriteMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention, an explicit operation run as the tables' owner: drops the monthly partitions
 * before a month. Because time order is chain order, they hold a prefix of every chain;
 * for each chain whose events go, a signed checkpoint of the last dropped event (its
 * sequence number and hash) is stored first, in the same transaction as the drop, so the
 * verifier knows where the chain now starts. An {@code audit.retention} system event
 * records what was dropped.
 */
public final class PartitionRetention implements dev.foundation.audit.AuditRetention {

	private static final Logger logger = LoggerFactory.getLogger(PartitionRetention.class);

	private static final Pattern PARTITION = Pattern.compile("audit_events_y(\\d{4})m(\\d{2})");

	private final DataSource owner;

	private final String schema;

	private final CheckpointKey key;

	private final AuditLog log;

	private final Clock clock;

	/**
	 * Creates the operation.
	 * @param owner the data source of the role that owns the audit tables
	 * @param schema the foundation's schema
	 * @param key the checkpoint signing key
	 * @param log where the operation is recorded
	 * @param clock the clock
	 */
	public PartitionRetention(DataSource owner, String schema, CheckpointKey key, AuditLog log, Clock clock) {
		this.owner = owner;
		this.schema = Schemas.check(schema);
		this.key = key;
		this.log = log;
		this.clock = clock;
	}

	/**
	 * Drops every partition of a month before the given one.
	 * @param keepFrom the first month kept
	 * @return the dropped partitions
	 */
	@Override
	public List<String> dropBefore(YearMonth keepFrom) {
		JdbcTemplate jdbc = new JdbcTemplate(this.owner);
		List<String> dropped = new ArrayList<>();
		List<SignedCheckpoint> checkpoints = new ArrayList<>();
		new TransactionTemplate(new DataSourceTransactionManager(this.owner)).executeWithoutResult((status) -> {
			for (String partition : jdbc.queryForList(
					"select c.relname::text from pg_inherits i join pg_class c "
							+ "on c.oid = i.inhrelid where i.inhparent = ?::regclass order by 1",
					String.class, this.schema + ".audit_events")) {
				Matcher month = PARTITION.matcher(partition);
				if (month.matches() && YearMonth.of(Integer.parseInt(month.group(1)), Integer.parseInt(month.group(2)))
					.isBefore(keepFrom)) {
					dropped.add(partition);
				}
			}
			if (dropped.isEmpty()) {
				return;
			}
			// Nothing may be appended to the partitions while they go.
			for (String partition : dropped) {
				jdbc.execute("lock table " + this.schema + "." + partition + " in access exclusive mode");
			}
			String union = String.join(" union all ",
					dropped.stream()
						.map((partition) -> "select tenant_id, seq, hash from " + this.schema + "." + partition)
						.toList());
			Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
			for (Map<String, Object> last : jdbc
				.queryForList("select distinct on (tenant_id) tenant_id, seq, hash from (" + union
						+ ") e order by tenant_id, seq desc")) {
				SignedCheckpoint checkpoint = JdbcAuditCheckpoints.sign(this.key, (UUID) last.get("tenant_id"),
						((Number) Objects.requireNonNull(last.get("seq"))).longValue(),
						(String) Objects.requireNonNull(last.get("hash")), now, true);
				JdbcAuditCheckpoints.insert(jdbc, this.schema, checkpoint);
				checkpoints.add(checkpoint);
			}
			for (String partition : dropped) {
				jdbc.execute("drop table " + this.schema + "." + partition);
			}
		});
		if (!dropped.isEmpty()) {
			logger.warn("Audit retention dropped partitions {} ({} chain(s) checkpointed)", dropped,
					checkpoints.size());
			this.log.event("audit.retention")
				.system()
				.actor(null, ActorKind.SYSTEM)
				.mode(WriteMode.BATCHED)
				.detail("partitions", dropped)
				.detail("keep_from", keepFrom.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString())
				.detail("chains", checkpoints.size())
				.record();
		}
		return dropped;
	}

}
