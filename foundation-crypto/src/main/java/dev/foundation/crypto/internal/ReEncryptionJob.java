package dev.foundation.crypto.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import javax.sql.DataSource;

import dev.foundation.crypto.CryptoEvent;
import dev.foundation.crypto.CryptoException;
import dev.foundation.crypto.EncryptedTable;
import dev.foundation.crypto.EncryptedTable.EncryptedColumn;
import dev.foundation.crypto.EncryptionContext;
import dev.foundation.crypto.KeyDestroyedException;
import dev.foundation.crypto.ReEncryptionReport;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves every encrypted value of a table to its tenant's active data key (and re-indexes
 * it), in batches ordered tenant by tenant, resumable: the position after each batch is
 * stored in {@code crypto_reencryption_progress}, so a run that crashed, or stopped after
 * {@code maxBatches}, continues there. Every statement commits on its own.
 * <p>
 * A value is replaced only if it is still the one read ({@code where column = old}): a
 * concurrent write wins and is never overwritten. A value that fails to decrypt is left
 * as it is and listed in {@code crypto_quarantine}. Values of shredded tenants are
 * skipped. Values already under the active key are skipped, so running again is cheap.
 * <p>
 * The data source must see every tenant's rows: under row-level security, a role with
 * {@code BYPASSRLS} (the application's role sees nothing without a bound tenant).
 */
public final class ReEncryptionJob {

	private final JdbcClient jdbc;

	private final String schema;

	private final EnvelopeDataKeys keys;

	private final EnvelopeFieldEncryptor encryptor;

	private final HmacBlindIndexer indexer;

	private final int batchSize;

	private final ApplicationEventPublisher events;

	/**
	 * Creates the job.
	 * @param dataSource a data source that sees every tenant's rows
	 * @param schema the foundation's schema
	 * @param keys the data keys
	 * @param indexLength the blind-index length in bytes
	 * @param batchSize rows per batch
	 */
	public ReEncryptionJob(DataSource dataSource, String schema, EnvelopeDataKeys keys, int indexLength,
			int batchSize) {
		this(dataSource, schema, keys, indexLength, batchSize, (event) -> {
		});
	}

	/**
	 * Creates the job, publishing a {@link CryptoEvent} when a run starts and ends.
	 * @param dataSource a data source that sees every tenant's rows
	 * @param schema the foundation's schema
	 * @param keys the data keys
	 * @param indexLength the blind-index length in bytes
	 * @param batchSize rows per batch
	 * @param events where the events go
	 */
	public ReEncryptionJob(DataSource dataSource, String schema, EnvelopeDataKeys keys, int indexLength, int batchSize,
			ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = JdbcClient.create(dataSource);
		this.schema = "\"" + schema.replace("\"", "\"\"") + "\"";
		this.keys = keys;
		this.encryptor = new EnvelopeFieldEncryptor(keys);
		this.indexer = new HmacBlindIndexer(keys, indexLength);
		this.batchSize = batchSize;
	}

	/**
	 * Walks the table to its end, resuming where an earlier run stopped.
	 * @param table the table
	 * @return what was done
	 */
	public ReEncryptionReport run(EncryptedTable table) {
		return run(table, Integer.MAX_VALUE);
	}

	/**
	 * Walks at most {@code maxBatches} batches of the table.
	 * @param table the table
	 * @param maxBatches how many batches to process before returning
	 * @return what was done
	 */
	public ReEncryptionReport run(EncryptedTable table, int maxBatches) {
		this.events.publishEvent(new CryptoEvent.ReEncryptionStarted(table.table()));
		ReEncryptionReport report = walk(table, maxBatches);
		this.events.publishEvent(new CryptoEvent.ReEncryptionFinished(table.table(), report));
		return report;
	}

	private ReEncryptionReport walk(EncryptedTable table, int maxBatches) {
		Position position = start(table.table());
		String idType = columnType(table.table(), table.idColumn());
		long scanned = 0;
		long reEncrypted = 0;
		long quarantined = 0;
		for (int batch = 0; batch < maxBatches; batch++) {
			List<Map<String, @Nullable Object>> rows = nextBatch(table, idType, position);
			if (rows.isEmpty()) {
				this.jdbc
					.sql("update " + this.schema + ".crypto_reencryption_progress set finished_at = now(),"
							+ " updated_at = now() where table_name = ?")
					.param(table.table())
					.update();
				return new ReEncryptionReport(scanned, reEncrypted, quarantined, true);
			}
			long batchReEncrypted = 0;
			long batchQuarantined = 0;
			for (Map<String, @Nullable Object> row : rows) {
				for (EncryptedColumn column : table.columns()) {
					switch (reEncrypt(table, idType, column, row)) {
						case RE_ENCRYPTED -> batchReEncrypted++;
						case QUARANTINED -> batchQuarantined++;
						default -> {
						}
					}
				}
			}
			Map<String, @Nullable Object> last = rows.get(rows.size() - 1);
			position = new Position(text(last.get("job_tenant")), text(last.get("job_id")));
			this.jdbc
				.sql("update " + this.schema + ".crypto_reencryption_progress set last_tenant = ?, last_id = ?,"
						+ " rows_reencrypted = rows_reencrypted + ?, rows_quarantined = rows_quarantined + ?,"
						+ " updated_at = now() where table_name = ?")
				.param(position.tenant())
				.param(position.id())
				.param(batchReEncrypted)
				.param(batchQuarantined)
				.param(table.table())
				.update();
			scanned += rows.size();
			reEncrypted += batchReEncrypted;
			quarantined += batchQuarantined;
		}
		return new ReEncryptionReport(scanned, reEncrypted, quarantined, false);
	}

	private enum Outcome {

		UNCHANGED, RE_ENCRYPTED, QUARANTINED

	}

	private Outcome reEncrypt(EncryptedTable table, String idType, EncryptedColumn column,
			Map<String, @Nullable Object> row) {
		Object stored = row.get(column.column());
		if (stored == null) {
			return Outcome.UNCHANGED;
		}
		String tenantText = text(row.get("job_tenant"));
		UUID tenant = (table.tenantColumn() != null) ? UUID.fromString(Objects.requireNonNull(tenantText)) : null;
		EncryptionContext context = EncryptionContext.of(tenant, table.table(), column.column());
		Object replacement;
		@Nullable String index = null;
		try {
			byte[] binary = (stored instanceof byte[] bytes) ? bytes : CiphertextFormat.fromText((String) stored);
			if (CiphertextFormat.keyVersion(binary) == this.keys.active(tenant).version()) {
				return Outcome.UNCHANGED;
			}
			byte[] plaintext = this.encryptor.decrypt(binary, context);
			byte[] fresh = this.encryptor.encrypt(plaintext, context);
			replacement = column.binary() ? fresh : CiphertextFormat.toText(fresh);
			if (column.indexColumn() != null) {
				index = this.indexer.index(
						column.normalizer().normalize(new String(plaintext, java.nio.charset.StandardCharsets.UTF_8)),
						context);
			}
		}
		catch (KeyDestroyedException ex) {
			return Outcome.UNCHANGED;
		}
		catch (CryptoException ex) {
			this.jdbc
				.sql("insert into " + this.schema + ".crypto_quarantine (table_name, row_id, column_name, reason)"
						+ " values (?, ?, ?, ?) on conflict (table_name, row_id, column_name) do update"
						+ " set reason = excluded.reason, found_at = now()")
				.params(table.table(), Objects.requireNonNull(text(row.get("job_id"))), column.column(),
						ex.getClass().getSimpleName())
				.update();
			return Outcome.QUARANTINED;
		}
		String set = quote(column.column()) + " = ?"
				+ ((column.indexColumn() != null) ? ", " + quote(column.indexColumn()) + " = ?" : "");
		List<@Nullable Object> params = new ArrayList<>();
		params.add(replacement);
		if (column.indexColumn() != null) {
			params.add(index);
		}
		params.add(text(row.get("job_id")));
		params.add(stored);
		int updated = this.jdbc
			.sql("update " + quote(table.table()) + " set " + set + " where " + quote(table.idColumn())
					+ " = cast(? as " + idType + ") and " + quote(column.column()) + " = ?")
			.params(params)
			.update();
		return (updated == 1) ? Outcome.RE_ENCRYPTED : Outcome.UNCHANGED;
	}

	private List<Map<String, @Nullable Object>> nextBatch(EncryptedTable table, String idType, Position position) {
		StringBuilder columns = new StringBuilder();
		for (EncryptedColumn column : table.columns()) {
			columns.append(", ").append(quote(column.column()));
		}
		String tenant = (table.tenantColumn() != null) ? quote(table.tenantColumn()) : "''";
		String id = quote(table.idColumn());
		String from = " from " + quote(table.table());
		String select = "select " + tenant + "::text as job_tenant, " + id + "::text as job_id" + columns + from;
		String order = " order by " + tenant + ", " + id + " limit " + this.batchSize;
		if (position.id() == null) {
			return this.jdbc.sql(select + order).query().listOfRows();
		}
		String after = (table.tenantColumn() != null)
				? " where (" + tenant + ", " + id + ") > (cast(? as uuid), cast(? as " + idType + "))"
				: " where " + id + " > cast(? as " + idType + ")";
		List<@Nullable Object> params = new ArrayList<>();
		if (table.tenantColumn() != null) {
			params.add(position.tenant());
		}
		params.add(position.id());
		return this.jdbc.sql(select + after + order).params(params).query().listOfRows();
	}

	private Position start(String table) {
		this.jdbc.sql("insert into " + this.schema + ".crypto_reencryption_progress (table_name) values (?)"
				+ " on conflict (table_name) do update set last_tenant = null, last_id = null, rows_reencrypted = 0,"
				+ " rows_quarantined = 0, started_at = now(), updated_at = now(), finished_at = null"
				+ " where crypto_reencryption_progress.finished_at is not null")
			.param(table)
			.update();
		Map<String, @Nullable Object> progress = this.jdbc
			.sql("select last_tenant, last_id from " + this.schema
					+ ".crypto_reencryption_progress where table_name = ?")
			.param(table)
			.query()
			.singleRow();
		return new Position(text(progress.get("last_tenant")), text(progress.get("last_id")));
	}

	private String columnType(String table, String column) {
		return this.jdbc
			.sql("select format_type(atttypid, atttypmod) from pg_attribute where attrelid = cast(? as regclass)"
					+ " and attname = ? and not attisdropped")
			.params(quote(table), column)
			.query(String.class)
			.single();
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value != null) ? value.toString() : null;
	}

	private record Position(@Nullable String tenant, @Nullable String id) {
	}

}
