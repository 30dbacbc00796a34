package dev.foundation.crypto.internal;

import java.util.List;

import dev.foundation.crypto.EmailNormalizer;
import dev.foundation.crypto.EncryptedTable;
import dev.foundation.crypto.EncryptedTable.EncryptedColumn;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReEncryptionTables}: declared tables win for what they name and gain the mapped
 * columns they lack; mapped tables nobody declared are walked too.
 */
class ReEncryptionTablesTests {

	private static final EmailNormalizer EMAIL = new EmailNormalizer();

	@Test
	void mappedTablesAreWalkedWithoutDeclaration() {
		EncryptedTable contacts = new EncryptedTable("contacts", "id", "tenant_id",
				List.of(EncryptedColumn.indexed("email", "email_index", EMAIL)));
		assertThat(ReEncryptionTables.merge(List.of(), List.of(contacts))).containsExactly(contacts);
	}

	@Test
	void declaredTableWinsAndGainsTheMappedColumnsItLacks() {
		EncryptedColumn declaredEmail = EncryptedColumn.text("email");
		EncryptedTable declared = new EncryptedTable("contacts", "contact_id", "owner_id", List.of(declaredEmail));
		EncryptedColumn phone = EncryptedColumn.text("phone");
		EncryptedTable mapped = new EncryptedTable("contacts", "id", "tenant_id",
				List.of(EncryptedColumn.indexed("email", "email_index", EMAIL), phone));
		EncryptedTable notes = new EncryptedTable("notes", "id", null, List.of(EncryptedColumn.text("body")));
		List<EncryptedTable> merged = ReEncryptionTables.merge(List.of(declared), List.of(mapped, notes));
		assertThat(merged).hasSize(2);
		assertThat(merged.get(0).idColumn()).isEqualTo("contact_id");
		assertThat(merged.get(0).tenantColumn()).isEqualTo("owner_id");
		assertThat(merged.get(0).columns()).containsExactly(declaredEmail, phone);
		assertThat(merged.get(1)).isEqualTo(notes);
	}

	@Test
	void declaredTableThatNamesEveryColumnIsKeptAsItIs() {
		EncryptedTable declared = new EncryptedTable("contacts", "id", "tenant_id",
				List.of(EncryptedColumn.text("email")));
		EncryptedTable mapped = new EncryptedTable("contacts", "id", "tenant_id",
				List.of(EncryptedColumn.indexed("email", "email_index", EMAIL)));
		assertThat(ReEncryptionTables.merge(List.of(declared), List.of(mapped))).singleElement().isSameAs(declared);
	}

}
