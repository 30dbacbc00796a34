package dev.foundation.audit.internal;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs at every startup, as the role that owns the foundation's tables, after the
 * foundation's migration (and its grants) ran:
 * <ul>
 * <li>creates the monthly partitions up to some months ahead;</li>
 * <li>puts the audit tables under row-level security if tenancy's {@code bound_tenant()}
 * exists but they are not yet (tenancy added after the audit migration ran);</li>
 * <li>narrows the application role's rights on the audit tables: the foundation's grant
 * gives it select, insert, update and delete on every table of the schema, but on events
 * it gets insert and select only (and nothing on the partitions themselves), on chain
 * heads select, insert and update. Never truncate.</li>
 * </ul>
 */
public final class AuditSchemaPreparation {

	private static final Logger logger = LoggerFactory.getLogger(AuditSchemaPreparation.class);

	private final JdbcTemplate owner;

	private final @Nullable DataSource application;

	private final String schema;

	private final int monthsAhead;

	/**
	 * Creates the preparation.
	 * @param owner the data source of the role that owns the foundation's tables
	 * @param application the application's data source, {@code null} when it is the
	 * owner's
	 * @param schema the foundation's schema
	 * @param monthsAhead how many months of partitions to keep ready
	 */
	public AuditSchemaPreparation(DataSource owner, @Nullable DataSource application, String schema, int monthsAhead) {
		this.owner = new JdbcTemplate(owner);
		this.application = application;
		this.schema = Schemas.check(schema);
		this.monthsAhead = monthsAhead;
	}

	/**
	 * Prepares the schema.
	 */
	public void run() {
		this.owner.queryForObject("select " + this.schema + ".audit_ensure_partitions(?)::text", String.class,
				this.monthsAhead);
		Boolean tenancy = this.owner.queryForObject(
				"select to_regprocedure(?) is not null and not (select relrowsecurity from pg_class where oid = ?::regclass)",
				Boolean.class, this.schema + ".bound_tenant()", this.schema + ".audit_events");
		if (Boolean.TRUE.equals(tenancy)) {
			this.owner.queryForObject("select " + this.schema + ".audit_enable_rls()::text", String.class);
			logger.info("Put the audit tables of schema '{}' under row-level security", this.schema);
		}
		if (this.application != null) {
			narrowApplicationRole(this.application);
		}
	}

	private void narrowApplicationRole(DataSource application) {
		String role = new JdbcTemplate(application).queryForObject("select current_user", String.class);
		String ownerRole = this.owner.queryForObject("select current_user", String.class);
		if (role == null || role.equals(ownerRole)) {
			return;
		}
		String quoted = "\"" + role.replace("\"", "\"\"") + "\"";
		for (String partition : this.owner.queryForList(
				"select c.oid::regclass::text from pg_inherits i "
						+ "join pg_class c on c.oid = i.inhrelid where i.inhparent = ?::regclass",
				String.class, this.schema + ".audit_events")) {
			this.owner.execute("revoke all on " + partition + " from " + quoted);
		}
		this.owner.execute("revoke update, delete, truncate, references, trigger on " + this.schema
				+ ".audit_events from " + quoted);
		this.owner.execute("grant select, insert on " + this.schema + ".audit_events to " + quoted);
		this.owner.execute(
				"revoke delete, truncate, references, trigger on " + this.schema + ".audit_chain_heads from " + quoted);
		this.owner.execute("grant select, insert, update on " + this.schema + ".audit_chain_heads to " + quoted);
		this.owner.execute("revoke update, delete, truncate, references, trigger on " + this.schema
				+ ".audit_checkpoints from " + quoted);
		this.owner.execute("revoke insert on " + this.schema + ".audit_checkpoints from " + quoted);
		// Not the retention column: only the owner's retention marks where a chain starts
		// again, so the application role cannot make the verifier skip events.
		this.owner.execute("grant select, insert (id, chain_key, tenant_id, seq, hash, signed_at, key_id, payload, "
				+ "signature) on " + this.schema + ".audit_checkpoints to " + quoted);
	}

}
