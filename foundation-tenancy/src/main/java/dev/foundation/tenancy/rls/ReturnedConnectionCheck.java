package dev.foundation.tenancy.rls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a connection that is about to go back to the pool for tenant settings that survive outside a transaction,
 * and neutralises them. Never throws: a check that fails is counted and logged apart from leaks, and the connection
 * evicted where the pool allows, since nobody can vouch for it.
 */
final class ReturnedConnectionCheck {

	private static final Logger logger = LoggerFactory.getLogger(ReturnedConnectionCheck.class);

	// NULL: never set on this connection; '': only ever set transaction-locally.
	private static final String QUERY = "select current_setting('" + TenantTransactionBinding.BINDING_SETTING
			+ "', true)";

	private static final String RESET = "select set_config('" + TenantTransactionBinding.BINDING_SETTING
			+ "', '', false)";

	private static final long FAILURE_LOG_INTERVAL = TimeUnit.MINUTES.toNanos(1);

	private final @Nullable ConnectionEviction eviction;

	private final TenantSettingLeakCounts counts;

	private final AtomicLong nextFailureWarning = new AtomicLong(System.nanoTime());

	private volatile @Nullable Boolean postgres;

	ReturnedConnectionCheck(@Nullable ConnectionEviction eviction, TenantSettingLeakCounts counts) {
		this.eviction = eviction;
		this.counts = counts;
	}

	void beforeReturn(Connection connection) {
		String binding;
		try {
			if (connection.isClosed() || !isPostgres(connection)) {
				return;
			}
			if (!connection.getAutoCommit()) {
				// Returned inside a transaction: its transaction-local settings are still visible, and a session-level
				// SET made in it is undone by the rollback the pool would do anyway. End it first, then look. With
				// the transaction idle, neither call is a round trip (the pool restores auto-commit itself).
				connection.rollback();
				connection.setAutoCommit(true);
			}
			try (PreparedStatement statement = connection.prepareStatement(QUERY);
					ResultSet result = statement.executeQuery()) {
				result.next();
				binding = result.getString(1);
			}
			this.counts.checked();
		}
		catch (SQLException | RuntimeException ex) {
			failed(connection, ex);
			return;
		}
		if (isEmpty(binding)) {
			return;
		}
		this.counts.leaked();
		String neutralised = neutralise(connection);
		// Only the tenant id is logged (an identifier, which says whose data was exposed): the rest of a binding is a
		// credential for that tenant. The stack trace is the code that borrowed the connection, normally the one
		// that set it.
		logger.error("A connection was returned to the pool with {} set at session level (SET or set_config(..., "
				+ "false)) for tenant '{}', which the next borrower would have inherited; the connection was {}. "
				+ "Bind tenants transaction-locally only (TenantTransactionBinding)",
				TenantTransactionBinding.BINDING_SETTING, tenantOf(nullToEmpty(binding)), neutralised,
				new IllegalStateException("Connection returned here"));
	}

	private boolean isPostgres(Connection connection) throws SQLException {
		Boolean postgres = this.postgres;
		if (postgres == null) {
			postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
			this.postgres = postgres;
		}
		return postgres;
	}

	private String neutralise(Connection connection) {
		if (this.eviction != null && this.eviction.evict(connection)) {
			return "evicted from the pool";
		}
		try (PreparedStatement statement = connection.prepareStatement(RESET)) {
			statement.execute();
			return "reset";
		}
		catch (SQLException ex) {
			this.counts.failed();
			return "NOT reset (" + ex.getMessage() + ")";
		}
	}

	private void failed(Connection connection, Exception ex) {
		this.counts.failed();
		boolean evicted = false;
		try {
			// A broken connection is discarded by the pool already (Hikari evicts on these states itself, and a
			// second eviction trips its bookkeeping); any other failure leaves a connection nobody can vouch for.
			evicted = !isBroken(ex) && this.eviction != null && this.eviction.evict(connection);
		}
		catch (RuntimeException evictionFailure) {
			ex.addSuppressed(evictionFailure);
		}
		String message = "Could not check a connection returned to the pool for leaked tenant settings ("
				+ ex.getMessage() + ")" + (evicted ? "; evicted it" : "");
		// A database outage fails every check: warn once a minute, keep the rest at debug.
		long now = System.nanoTime();
		long next = this.nextFailureWarning.get();
		if (now - next >= 0 && this.nextFailureWarning.compareAndSet(next, now + FAILURE_LOG_INTERVAL)) {
			logger.warn(message);
		}
		else {
			logger.debug(message, ex);
		}
	}

	private static boolean isBroken(Exception ex) {
		String state = (ex instanceof SQLException sqlException) ? sqlException.getSQLState() : null;
		return state != null && (state.startsWith("08") || state.startsWith("57P"));
	}

	private static String tenantOf(String binding) {
		int separator = binding.indexOf('.');
		return (separator >= 0) ? binding.substring(0, separator) : binding;
	}

	private static boolean isEmpty(@Nullable String value) {
		return value == null || value.isEmpty();
	}

	private static String nullToEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
