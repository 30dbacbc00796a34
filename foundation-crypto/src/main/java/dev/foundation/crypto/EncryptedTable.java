package dev.foundation.crypto;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A table with encrypted columns, as the re-encryption job walks it. The table and column
 * names are also the names bound into the associated data, so they must be the ones the
 * values were encrypted with (for {@code @Encrypted}: the mapped, unqualified names).
 *
 * @param table the table, found through the connection's {@code search_path}
 * @param idColumn the primary key column (a single column)
 * @param tenantColumn the tenant column ({@code uuid}), {@code null} for system data
 * @param columns the encrypted columns
 */
public record EncryptedTable(String table, String idColumn, @Nullable String tenantColumn,
		List<EncryptedColumn> columns) {

	public EncryptedTable {
		Objects.requireNonNull(table, "table");
		Objects.requireNonNull(idColumn, "idColumn");
		columns = List.copyOf(columns);
	}

	/**
	 * One encrypted column, and its blind index if it has one.
	 *
	 * @param column the column
	 * @param binary whether it holds the binary format ({@code bytea}) rather than the
	 * text form
	 * @param indexColumn the blind-index column, {@code null} for none
	 * @param normalizer the blind index's normalizer
	 */
	public record EncryptedColumn(String column, boolean binary, @Nullable String indexColumn, Normalizer normalizer) {

		/**
		 * A text column without a blind index.
		 * @param column the column
		 * @return the column
		 */
		public static EncryptedColumn text(String column) {
			return new EncryptedColumn(column, false, null, new ExactNormalizer());
		}

		/**
		 * A text column with a blind index.
		 * @param column the column
		 * @param indexColumn the blind-index column
		 * @param normalizer the index's normalizer
		 * @return the column
		 */
		public static EncryptedColumn indexed(String column, String indexColumn, Normalizer normalizer) {
			return new EncryptedColumn(column, false, indexColumn, normalizer);
		}

	}

}
