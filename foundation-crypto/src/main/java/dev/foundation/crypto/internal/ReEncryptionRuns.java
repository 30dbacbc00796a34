package dev.foundation.crypto.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import dev.foundation.crypto.EncryptedTable;
import dev.foundation.crypto.EncryptedTable.EncryptedColumn;
import dev.foundation.crypto.ReEncryptionReport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs the {@link ReEncryptionJob} over the configured tables on a thread of its own, one
 * run at a time, and knows how far it got: the job's stored progress per table, and how
 * many encrypted values are still on an older data key version than their tenant's active
 * one (counted with one scan per encrypted column, when a run starts, after each table,
 * when the status is read and once after startup), plus the quarantined values.
 */
public final class ReEncryptionRuns implements SmartInitializingSingleton, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(ReEncryptionRuns.class);

	private final ReEncryptionJob job;

	private final Supplier<List<EncryptedTable>> tables;

	private final UnaryOperator<Runnable> scope;

	private final JdbcClient jdbc;

	private final String schema;

	private final AtomicBoolean running = new AtomicBoolean();

	private final ExecutorService executor = Executors.newSingleThreadExecutor((work) -> {
		Thread thread = new Thread(work, "foundation-crypto-reencryption");
		thread.setDaemon(true);
		return thread;
	});

	private final List<Runnable> refreshListeners = new ArrayList<>();

	private final Map<String, ReEncryptionReport> lastReports = new LinkedHashMap<>();

	private volatile Map<Integer, Long> remaining = Map.of();

	private volatile long quarantined;

	private volatile @Nullable String lastFailure;

	/**
	 * Creates the runs.
	 * @param job the job
	 * @param tables the tables it walks, in order
	 * @param dataSource the job's data source (for the progress and the counts)
	 * @param schema the foundation's schema
	 * @param scope wraps each run and count, e.g. in a scope whose connections see every
	 * tenant's rows
	 */
	public ReEncryptionRuns(ReEncryptionJob job, List<EncryptedTable> tables, DataSource dataSource, String schema,
			UnaryOperator<Runnable> scope) {
		this(job, fixed(tables), dataSource, schema, scope);
	}

	/**
	 * Creates the runs over tables known only later (e.g. found in the JPA mappings once
	 * the session factory is built), asked for at each run and each status.
	 * @param job the job
	 * @param tables the tables it walks, in order
	 * @param dataSource the job's data source (for the progress and the counts)
	 * @param schema the foundation's schema
	 * @param scope wraps each run and count, e.g. in a scope whose connections see every
	 * tenant's rows
	 */
	public ReEncryptionRuns(ReEncryptionJob job, Supplier<List<EncryptedTable>> tables, DataSource dataSource,
			String schema, UnaryOperator<Runnable> scope) {
		this.job = job;
		this.tables = tables;
		this.scope = scope;
		this.jdbc = JdbcClient.create(dataSource);
		this.schema = quote(schema);
	}

	private static Supplier<List<EncryptedTable>> fixed(List<EncryptedTable> tables) {
		List<EncryptedTable> copy = List.copyOf(tables);
		return () -> copy;
	}

	/**
	 * Registers work to run after each recount (the metrics re-read the counts).
	 * @param listener the work
	 */
	public void onRefresh(Runnable listener) {
		this.refreshListeners.add(listener);
	}

	/**
	 * Starts a run over every table unless one is running.
	 * @return whether a run was started
	 */
	public boolean start() {
		if (!this.running.compareAndSet(false, true)) {
			return false;
		}
		try {
			this.executor.execute(this.scope.apply(this::runAll));
		}
		catch (RuntimeException ex) {
			this.running.set(false);
			throw ex;
		}
		return true;
	}

	/**
	 * Returns whether a run is going on.
	 * @return {@code true} while the job runs
	 */
	public boolean isRunning() {
		return this.running.get();
	}

	/**
	 * Recounts, then returns the state: whether a run is going on, each table's stored
	 * progress and last report, the values still on an older key version by version, the
	 * quarantined values. Never a value, a ciphertext or key material.
	 * @return the status
	 */
	public Map<String, Object> status() {
		this.scope.apply(this::refresh).run();
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("running", this.running.get());
		List<Map<String, Object>> tables = new ArrayList<>();
		for (EncryptedTable table : this.tables.get()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("table", table.table());
			this.scope.apply(() -> entry.putAll(progress(table.table()))).run();
			ReEncryptionReport report;
			synchronized (this.lastReports) {
				report = this.lastReports.get(table.table());
			}
			if (report != null) {
				entry.put("lastRun", report);
			}
			tables.add(entry);
		}
		status.put("tables", tables);
		Map<String, Long> byVersion = new TreeMap<>();
		this.remaining.forEach((version, count) -> byVersion.put(String.valueOf(version), count));
		status.put("valuesRemainingByKeyVersion", byVersion);
		status.put("valuesQuarantined", this.quarantined);
		String failure = this.lastFailure;
		if (failure != null) {
			status.put("lastFailure", failure);
		}
		return status;
	}

	/**
	 * Returns the values still on an older data key version than their tenant's active
	 * one, by that version, as last counted.
	 * @return the counts
	 */
	public Map<Integer, Long> remaining() {
		return this.remaining;
	}

	/**
	 * Returns the quarantined values, as last counted.
	 * @return the count
	 */
	public long quarantined() {
		return this.quarantined;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.executor.execute(this.scope.apply(() -> {
			try {
				refresh();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not count the values awaiting re-encryption at startup", ex);
			}
		}));
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	private void runAll() {
		try {
			this.lastFailure = null;
			refresh();
			for (EncryptedTable table : this.tables.get()) {
				ReEncryptionReport report = this.job.run(table);
				synchronized (this.lastReports) {
					this.lastReports.put(table.table(), report);
				}
				refresh();
			}
		}
		catch (RuntimeException ex) {
			// The job resumes where it stopped at the next start.
			this.lastFailure = ex.getClass().getSimpleName() + " at " + Instant.now();
			logger.error("The re-encryption run stopped; starting it again resumes where it stopped", ex);
		}
		finally {
			this.running.set(false);
		}
	}

	private void refresh() {
		Map<Integer, Long> counts = new TreeMap<>();
		for (EncryptedTable table : this.tables.get()) {
			for (EncryptedColumn column : table.columns()) {
				countRemaining(table, column, counts);
			}
		}
		this.remaining = Map.copyOf(counts);
		this.quarantined = this.jdbc.sql("select count(*) from " + this.schema + ".crypto_quarantine")
			.query(Long.class)
			.single();
		this.refreshListeners.forEach(Runnable::run);
	}

	private void countRemaining(EncryptedTable table, EncryptedColumn column, Map<Integer, Long> counts) {
		String value = "t." + quote(column.column());
		// The 5-byte header of the format: the text form's first 8 base64url characters
		// after "fe1." decode to its first 6 bytes.
		String bytes = column.binary() ? value : "decode(translate(substr(" + value + ", 5, 8), '-_', '+/'), 'base64')";
		String filter = column.binary() ? value + " is not null and length(" + value + ") >= 5"
				: value + " like 'fe1.%' and length(" + value + ") >= 12 and substr(" + value
						+ ", 5, 8) ~ '^[A-Za-z0-9_-]{8}$'";
		String scope = (table.tenantColumn() != null) ? "t." + quote(table.tenantColumn())
				: "'00000000-0000-0000-0000-000000000000'::uuid";
		String sql = "select x.version, count(*) as n from (select " + scope + " as scope_id, " + versionOf(bytes)
				+ " as version from " + quote(table.table()) + " t where " + filter + ") x"
				+ " join (select scope_id, max(version) as active from " + this.schema
				+ ".crypto_data_keys where wrapped_key is not null group by scope_id) k on k.scope_id = x.scope_id"
				+ " where x.version <> k.active group by x.version";
		try {
			this.jdbc.sql(sql).query((rs) -> {
				counts.merge(rs.getInt("version"), rs.getLong("n"), Long::sum);
			});
		}
		catch (DataAccessException ex) {
			logger.warn("Could not count the values of {}.{} awaiting re-encryption: {}", table.table(),
					column.column(), ex.getMostSpecificCause().getClass().getSimpleName());
		}
	}

	private static String versionOf(String bytes) {
		return "((get_byte(" + bytes + ", 1)::bigint << 24) | (get_byte(" + bytes + ", 2) << 16) | (get_byte(" + bytes
				+ ", 3) << 8) | get_byte(" + bytes + ", 4))::int";
	}

	private Map<String, Object> progress(String table) {
		List<Map<String, @Nullable Object>> rows = this.jdbc
			.sql("select rows_reencrypted, rows_quarantined, started_at, updated_at, finished_at from " + this.schema
					+ ".crypto_reencryption_progress where table_name = ?")
			.param(table)
			.query()
			.listOfRows();
		Map<String, Object> progress = new LinkedHashMap<>();
		if (rows.isEmpty()) {
			progress.put("state", "never run");
			return progress;
		}
		Map<String, @Nullable Object> row = rows.get(0);
		progress.put("state", (row.get("finished_at") != null) ? "finished" : "unfinished");
		row.forEach((name, value) -> {
			if (value != null) {
				progress.put(camel(name), (value instanceof Number) ? value : value.toString());
			}
		});
		return progress;
	}

	private static String camel(String column) {
		StringBuilder name = new StringBuilder();
		boolean upper = false;
		for (char c : column.toCharArray()) {
			if (c == '_') {
				upper = true;
			}
			else {
				name.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return name.toString();
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

}
