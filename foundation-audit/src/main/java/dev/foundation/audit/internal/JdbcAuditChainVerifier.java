package dev.foundation.audit.internal;

import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import dev.foundation.audit.AuditChainVerifier;
import dev.foundation.audit.AuditLog;
import dev.foundation.audit.AuditOutcome;
import dev.foundation.audit.AuditTenantScope;
import dev.foundation.audit.ChainVerification;
import dev.foundation.audit.WriteMode;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Verifies a chain in a read-only transaction of its own (the tenant bound, or the system
 * scope for the system chain), then records the run as an {@code audit.verify} event.
 */
public final class JdbcAuditChainVerifier implements AuditChainVerifier {

	private final AuditTenantScope scope;

	private final TransactionOperations readOnly;

	private final JdbcTemplate jdbc;

	private final ChainWalker walker;

	private final AuditLog log;

	/**
	 * Creates the verifier.
	 * @param scope the tenant scope
	 * @param readOnly a template running a new read-only transaction
	 * @param dataSource the data source
	 * @param schema the foundation's schema
	 * @param log where the verification run is recorded
	 */
	public JdbcAuditChainVerifier(AuditTenantScope scope, TransactionOperations readOnly, DataSource dataSource,
			String schema, AuditLog log) {
		this(scope, readOnly, dataSource, schema, log, null);
	}

	/**
	 * Creates the verifier.
	 * @param scope the tenant scope
	 * @param readOnly a template running a new read-only transaction
	 * @param dataSource the data source
	 * @param schema the foundation's schema
	 * @param log where the verification run is recorded
	 * @param signatures the trusted checkpoint keys, which the retention checkpoint a
	 * chain starts at must be signed with; {@code null} to trust it unchecked
	 */
	public JdbcAuditChainVerifier(AuditTenantScope scope, TransactionOperations readOnly, DataSource dataSource,
			String schema, AuditLog log, @Nullable CheckpointSignatures signatures) {
		this.scope = scope;
		this.readOnly = readOnly;
		this.jdbc = new JdbcTemplate(dataSource);
		this.walker = new ChainWalker(schema, signatures);
		this.log = log;
	}

	@Override
	public ChainVerification verify(@Nullable UUID tenantId) {
		ChainVerification result = (tenantId != null) ? this.scope.call(tenantId, () -> walk(tenantId))
				: this.scope.callAsSystem("audit: verify the system chain", () -> walk(null));
		var event = this.log.event("audit.verify")
			.resource("audit_chain", (tenantId != null) ? tenantId : "system")
			.outcome(result.intact() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE)
			.detail("events_checked", result.eventsChecked())
			.detail("last_seq", result.lastSeq())
			.mode(WriteMode.BATCHED);
		if (!result.intact()) {
			event.detail("problem", String.valueOf(result.problem())).detail("bad_seq", result.badSeq());
		}
		if (tenantId != null) {
			event.tenant(tenantId);
		}
		else {
			event.system();
		}
		event.record();
		return result;
	}

	private ChainVerification walk(@Nullable UUID tenantId) {
		ChainVerification result = this.readOnly.execute((status) -> this.jdbc
			.execute((ConnectionCallback<ChainVerification>) (connection) -> walkOn(connection, tenantId)));
		if (result == null) {
			throw new IllegalStateException("No verification result");
		}
		return result;
	}

	private ChainVerification walkOn(java.sql.Connection connection, @Nullable UUID tenantId) throws SQLException {
		return this.walker.walk(connection, tenantId);
	}

}
