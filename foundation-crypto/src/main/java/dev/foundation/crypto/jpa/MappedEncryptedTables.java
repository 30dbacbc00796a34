package dev.foundation.crypto.jpa;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.foundation.crypto.EncryptedTable;
import dev.foundation.crypto.internal.ReEncryptionTables;

/**
 * The tables whose columns entities map with {@link Encrypted}, as the re-encryption job
 * walks them: found in Hibernate's mappings when a session factory is built (table, id
 * column, tenant column, each encrypted column with its {@link BlindIndex} column and
 * normalizer), so that the job needs no {@link EncryptedTable} declaration.
 */
public final class MappedEncryptedTables {

	private final Map<String, EncryptedTable> byTable = new LinkedHashMap<>();

	/**
	 * Returns the tables found so far, in the order their entities were mapped.
	 * @return the tables, empty before a session factory was built
	 */
	public List<EncryptedTable> tables() {
		synchronized (this.byTable) {
			return List.copyOf(this.byTable.values());
		}
	}

	/**
	 * Adds a table; the columns of a table already known (several entities mapping one
	 * table) are added to it.
	 * @param table the table
	 */
	void add(EncryptedTable table) {
		synchronized (this.byTable) {
			EncryptedTable known = this.byTable.get(table.table());
			this.byTable.put(table.table(),
					(known != null) ? ReEncryptionTables.withMissingColumns(known, table.columns()) : table);
		}
	}

	@Override
	public String toString() {
		return "MappedEncryptedTables" + tables().stream().map(EncryptedTable::table).toList();
	}

}
