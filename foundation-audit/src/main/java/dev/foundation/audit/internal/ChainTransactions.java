package dev.foundation.audit.internal;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.foundation.audit.AuditEvent;
import dev.foundation.audit.AuditTenantScope;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends one chain's events in a transaction of their own, entered in the chain's tenant
 * scope so that row-level security sees the tenant.
 */
public final class ChainTransactions implements ChainSink {

	private final AuditTenantScope scope;

	private final TransactionOperations transactions;

	private final TransactionOperations newTransactions;

	private final JdbcTemplate jdbc;

	private final ChainAppender appender;

	/**
	 * Creates the appender of transactions.
	 * @param scope the tenant scope
	 * @param transactions a template that runs a transaction (required propagation)
	 * @param dataSource the data source of the transactions
	 * @param appender the chain appender
	 */
	public ChainTransactions(AuditTenantScope scope, TransactionTemplate transactions, DataSource dataSource,
			ChainAppender appender) {
		this.scope = scope;
		this.transactions = transactions;
		TransactionTemplate requiresNew = new TransactionTemplate(
				java.util.Objects.requireNonNull(transactions.getTransactionManager(), "transactionManager"));
		requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.newTransactions = requiresNew;
		this.jdbc = new JdbcTemplate(dataSource);
		this.appender = appender;
	}

	/**
	 * Appends and commits.
	 * @param tenantId the chain
	 * @param events its events
	 */
	@Override
	public void append(@Nullable UUID tenantId, List<AuditEvent> events) {
		this.scope.call(tenantId, () -> this.transactions.execute((status) -> appendInTransaction(tenantId, events)));
	}

	/**
	 * Appends and commits, calling back between the append and the commit.
	 * @param tenantId the chain
	 * @param events its events
	 * @param sent called once the events were sent, before the commit
	 */
	@Override
	public void append(@Nullable UUID tenantId, List<AuditEvent> events, Runnable sent) {
		try {
			this.scope.call(tenantId, () -> this.transactions.execute((status) -> {
				List<String> hashes = appendInTransaction(tenantId, events);
				sent.run();
				return hashes;
			}));
		}
		finally {
			sent.run();
		}
	}

	/**
	 * Appends and commits in a new transaction, suspending whatever is bound to the
	 * thread (for callbacks after another transaction's completion).
	 * @param tenantId the chain
	 * @param events its events
	 */
	public void appendInNewTransaction(@Nullable UUID tenantId, List<AuditEvent> events) {
		this.scope.call(tenantId,
				() -> this.newTransactions.execute((status) -> appendInTransaction(tenantId, events)));
	}

	/**
	 * Appends in the transaction running on this thread.
	 * @param tenantId the chain
	 * @param events its events
	 * @return the stored hashes
	 */
	public List<String> appendInTransaction(@Nullable UUID tenantId, List<AuditEvent> events) {
		List<String> hashes = this.jdbc.execute(
				(ConnectionCallback<List<String>>) (connection) -> this.appender.append(connection, tenantId, events));
		if (hashes == null) {
			throw new IllegalStateException("No hashes returned");
		}
		return hashes;
	}

}
