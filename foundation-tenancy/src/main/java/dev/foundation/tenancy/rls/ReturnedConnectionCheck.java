package dev.foundation.tenancy.rls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at connections for tenant settings that survive outside a transaction (set at
 * session level), and neutralises them: when a connection goes back to the pool, before a
 * borrower runs SQL outside a bound transaction on a connection that went back unchecked,
 * and through the binding statement of every bound transaction (see
 * {@link TenantSettingCheckingConnection} for which applies when). Never throws: a check
 * that fails is counted and logged apart from leaks, and the connection evicted where the
 * pool allows, since nobody can vouch for it.
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

	// Physical connections whose last borrow went back unchecked (it ran SQL only inside
	// bound transactions). Weak:
	// a connection the pool closed leaves on its own.
	private final Set<Connection> returnedUnchecked = Collections
		.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	// Set once a leak was seen: from then on every return is checked, so the next leak is
	// logged with the code that
	// returned the connection.
	private volatile boolean checkEveryReturn;

	private volatile @Nullable Boolean postgres;

	ReturnedConnectionCheck(@Nullable ConnectionEviction eviction, TenantSettingLeakCounts counts) {
		this.eviction = eviction;
		this.counts = counts;
	}

	boolean checksEveryReturn() {
		return this.checkEveryReturn;
	}

	/**
	 * Takes note of what a transaction's binding statement found.
	 * @param before the setting's session-level value, read by the binding statement
	 * @return whether it was a leak, which the connection must be neutralised of at its
	 * return
	 */
	boolean afterBinding(@Nullable String before) {
		this.counts.checked();
		if (isEmpty(before)) {
			return false;
		}
		this.counts.leaked();
		this.checkEveryReturn = true;
		logger.error("A connection was lent with {} set at session level (SET or set_config(..., false)) for tenant "
				+ "'{}' by an earlier borrower; the transaction's own binding overrode it, and the connection will be "
				+ "{} when it goes back. From now on every returned connection is checked, so the next leak is "
				+ "logged with the code that returned it. Bind tenants transaction-locally only "
				+ "(TenantTransactionBinding)", TenantTransactionBinding.BINDING_SETTING, tenantOf(nullToEmpty(before)),
				(this.eviction != null) ? "evicted" : "reset");
		return true;
	}

	/**
	 * Records that a connection goes back to the pool unchecked.
	 * @param connection the connection the pool lent
	 */
	void returnedUnchecked(Connection connection) {
		Connection physical = physical(connection);
		if (physical != null) {
			this.returnedUnchecked.add(physical);
		}
		else {
			beforeReturn(connection);
		}
	}

	/**
	 * Checks a connection before its borrower runs SQL outside a bound transaction, if it
	 * went back unchecked last.
	 * @param connection the connection the pool lent
	 * @return whether it carried a leak, which was reset now and must be neutralised at
	 * the return as well
	 */
	boolean beforeUnboundUse(Connection connection) {
		Connection physical = physical(connection);
		if (physical != null && !this.returnedUnchecked.remove(physical)) {
			return false;
		}
		String binding;
		try {
			if (!isPostgres(connection)) {
				return false;
			}
			binding = read(connection);
			this.counts.checked();
		}
		catch (SQLException | RuntimeException ex) {
			failed(connection, ex);
			return false;
		}
		if (isEmpty(binding)) {
			return false;
		}
		this.counts.leaked();
		this.checkEveryReturn = true;
		// The borrower is about to use it: reset it now; it is evicted when it goes back.
		logger.error("A connection was lent with {} set at session level (SET or set_config(..., false)) for tenant "
				+ "'{}' by an earlier borrower; it was {} before its next SQL. From now on every returned connection "
				+ "is checked, so the next leak is logged with the code that returned it. Bind tenants "
				+ "transaction-locally only (TenantTransactionBinding)", TenantTransactionBinding.BINDING_SETTING,
				tenantOf(nullToEmpty(binding)), reset(connection));
		return true;
	}

	/**
	 * Neutralises a connection whose binding statement found a leak, as it goes back to
	 * the pool.
	 * @param connection the connection the pool lent
	 */
	void neutraliseAtReturn(Connection connection) {
		try {
			if (connection.isClosed()) {
				return;
			}
			endTransaction(connection);
		}
		catch (SQLException | RuntimeException ex) {
			failed(connection, ex);
			return;
		}
		neutralise(connection);
	}

	void beforeReturn(Connection connection) {
		String binding;
		try {
			if (connection.isClosed() || !isPostgres(connection)) {
				return;
			}
			endTransaction(connection);
			binding = read(connection);
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
		this.checkEveryReturn = true;
		String neutralised = neutralise(connection);
		// Only the tenant id is logged (an identifier, which says whose data was
		// exposed): the rest of a binding is a
		// credential for that tenant. The stack trace is the code that borrowed the
		// connection, normally the one
		// that set it.
		logger.error("A connection was returned to the pool with {} set at session level (SET or set_config(..., "
				+ "false)) for tenant '{}', which the next borrower would have inherited; the connection was {}. "
				+ "Bind tenants transaction-locally only (TenantTransactionBinding)",
				TenantTransactionBinding.BINDING_SETTING, tenantOf(nullToEmpty(binding)), neutralised,
				new IllegalStateException("Connection returned here"));
	}

	private static void endTransaction(Connection connection) throws SQLException {
		if (!connection.getAutoCommit()) {
			// Returned inside a transaction: its transaction-local settings are still
			// visible, and a session-level
			// SET made in it is undone by the rollback the pool would do anyway. End it
			// first, then look. With the
			// transaction idle, neither call is a round trip (the pool restores
			// auto-commit itself).
			connection.rollback();
			connection.setAutoCommit(true);
		}
	}

	private static @Nullable String read(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(QUERY);
				ResultSet result = statement.executeQuery()) {
			result.next();
			return result.getString(1);
		}
	}

	// The physical connection behind a pool's per-borrow proxy, the same object at every
	// borrow; null if unknown.
	private static @Nullable Connection physical(Connection connection) {
		try {
			return connection.unwrap(Connection.class);
		}
		catch (SQLException | RuntimeException ex) {
			return null;
		}
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
		return reset(connection);
	}

	private String reset(Connection connection) {
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
			// A broken connection is discarded by the pool already (Hikari evicts on
			// these states itself, and a
			// second eviction trips its bookkeeping); any other failure leaves a
			// connection nobody can vouch for.
			evicted = !isBroken(ex) && this.eviction != null && this.eviction.evict(connection);
		}
		catch (RuntimeException evictionFailure) {
			ex.addSuppressed(evictionFailure);
		}
		String message = "Could not check a connection returned to the pool for leaked tenant settings ("
				+ ex.getMessage() + ")" + (evicted ? "; evicted it" : "");
		// A database outage fails every check: warn once a minute, keep the rest at
		// debug.
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
