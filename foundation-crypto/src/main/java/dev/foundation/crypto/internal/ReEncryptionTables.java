package dev.foundation.crypto.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.foundation.crypto.EncryptedTable;
import dev.foundation.crypto.EncryptedTable.EncryptedColumn;

/**
 * The tables the re-encryption job walks: the declared {@link EncryptedTable}s, then the
 * tables found in the JPA mappings that none of them names. A declared table wins for
 * what it says (id and tenant columns, its columns and their blind indexes) and gains the
 * mapped encrypted columns it does not name, so that no {@code @Encrypted} column is left
 * on an old key because a declaration forgot it.
 */
public final class ReEncryptionTables {

	private ReEncryptionTables() {
	}

	/**
	 * Merges declared and mapped tables by table name.
	 * @param declared the declared tables, in order
	 * @param mapped the tables found in the mappings, in order
	 * @return the declared tables (with the mapped columns they lack), then the other
	 * mapped ones
	 */
	public static List<EncryptedTable> merge(List<EncryptedTable> declared, List<EncryptedTable> mapped) {
		Map<String, EncryptedTable> tables = new LinkedHashMap<>();
		for (EncryptedTable table : declared) {
			EncryptedTable known = tables.get(table.table());
			tables.put(table.table(), (known != null) ? withMissingColumns(known, table.columns()) : table);
		}
		for (EncryptedTable table : mapped) {
			EncryptedTable known = tables.get(table.table());
			tables.put(table.table(), (known != null) ? withMissingColumns(known, table.columns()) : table);
		}
		return List.copyOf(tables.values());
	}

	/**
	 * Returns a table with the columns it lacks (by name) appended.
	 * @param table the table
	 * @param columns the columns to add where missing
	 * @return the table, itself when nothing was missing
	 */
	public static EncryptedTable withMissingColumns(EncryptedTable table, List<EncryptedColumn> columns) {
		List<EncryptedColumn> merged = new ArrayList<>(table.columns());
		for (EncryptedColumn column : columns) {
			if (merged.stream().noneMatch((existing) -> existing.column().equals(column.column()))) {
				merged.add(column);
			}
		}
		return (merged.size() == table.columns().size()) ? table
				: new EncryptedTable(table.table(), table.idColumn(), table.tenantColumn(), merged);
	}

}
