package dev.foundation.tenancy.isolation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * The table as the superuser sees it: every tenant's rows, since superusers bypass
 * row-level security. It is the witness that no operation changed another tenant's row,
 * independent of the layers under test.
 */
final class SuperuserView implements AutoCloseable {

	private static final String SELECT = "select id, tenant_id, label, tag from " + IsolationItem.TABLE;

	private final Connection connection;

	private int checks;

	SuperuserView(DataSource admin) {
		try {
			// One connection for the whole run: a new one per check would cost more than
			// the checks.
			this.connection = admin.getConnection();
			this.connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot connect as the superuser", ex);
		}
	}

	/**
	 * Every row, in id order so that a model built from it picks rows the same way for
	 * the same seed.
	 */
	List<ItemRow> all() {
		return query(SELECT + " order by id", null);
	}

	@Nullable ItemRow row(UUID id) {
		List<ItemRow> rows = query(SELECT + " where id = ?", id);
		return rows.isEmpty() ? null : rows.get(0);
	}

	/** Checks that the whole table, every tenant's rows, is exactly the model. */
	void verifyTable(GroundTruth model, IsolationChecks checks, String when) {
		this.checks++;
		Map<UUID, ItemRow> actual = new LinkedHashMap<>();
		all().forEach((row) -> actual.put(row.id(), row));
		Map<UUID, ItemRow> expected = model.all();
		if (!actual.equals(expected)) {
			checks.fail("superuser " + when + ": table differs from the model: "
					+ IsolationChecks.difference(actual, expected));
		}
	}

	/**
	 * Checks that one row (typically another tenant's, just targeted) is exactly as the
	 * model has it.
	 */
	void verifyRow(ItemRow expected, IsolationChecks checks) {
		this.checks++;
		ItemRow actual = row(expected.id());
		if (!expected.equals(actual)) {
			checks.fail("superuser: targeted row is " + actual + ", the model says " + expected);
		}
	}

	/** Checks that a row (e.g. one a refused insert named) does not exist. */
	void verifyAbsent(UUID id, IsolationChecks checks) {
		this.checks++;
		ItemRow actual = row(id);
		if (actual != null) {
			checks.fail("superuser: " + actual + " exists though its insert had to be refused");
		}
	}

	int checks() {
		return this.checks;
	}

	private List<ItemRow> query(String sql, @Nullable UUID id) {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			if (id != null) {
				statement.setObject(1, id);
			}
			List<ItemRow> rows = new ArrayList<>();
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					rows.add(new ItemRow(result.getObject(1, UUID.class), result.getObject(2, UUID.class),
							result.getString(3), result.getInt(4)));
				}
			}
			return rows;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// Closing a connection to a database about to be dropped: nothing to do.
		}
	}

}
