package dev.foundation.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * PostgreSQL itself keeps the audit log append-only: the application role has no right to
 * change or remove events, and a trigger stops even the table's owner.
 */
class AppendOnlyIntegrationTests {

	private static AuditTestDatabase database;

	private static UUID tenant;

	@BeforeAll
	static void recordEvents() {
		database = AuditTestDatabase.create();
		AuditTestDatabase.Stack stack = database.stack(2);
		tenant = UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			stack.log().event("contact.update").tenant(tenant).resource("contact", i).record();
		}
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	@Test
	void auditRowCannotBeUpdatedByApplicationRole() {
		assertRefusedToApplicationRole("update foundation.audit_events set action = 'contact.delete'");
		assertUnchanged();
	}

	@Test
	void auditRowCannotBeDeletedByApplicationRole() {
		assertRefusedToApplicationRole("delete from foundation.audit_events");
		assertUnchanged();
	}

	@Test
	void auditTableCannotBeTruncatedByApplicationRole() {
		assertRefusedToApplicationRole("truncate foundation.audit_events");
		assertUnchanged();
	}

	@Test
	void partitionCannotBeChangedDirectlyByApplicationRole() {
		String partition = partition();
		assertRefusedToApplicationRole("update " + partition + " set action = 'contact.delete'");
		assertRefusedToApplicationRole("delete from " + partition);
		assertRefusedToApplicationRole("truncate " + partition);
		assertUnchanged();
	}

	@Test
	void ownerIsBlockedByTriggerFromUpdatingDeletingAndTruncating() {
		String partition = partition();
		for (String sql : new String[] { "update foundation.audit_events set action = 'contact.delete'",
				"delete from foundation.audit_events", "truncate foundation.audit_events",
				"update " + partition + " set outcome = 'failure'", "delete from " + partition,
				"truncate " + partition }) {
			assertThatExceptionOfType(SQLException.class).as(sql)
				.isThrownBy(() -> run(database.admin(), null, sql))
				.withMessageContaining("append-only");
		}
		assertUnchanged();
	}

	@Test
	void eventWithMalformedHashIsRefused() {
		String valid = "0".repeat(64);
		for (String bad : new String[] { "0".repeat(63), "0".repeat(65), "A".repeat(64), "g".repeat(64),
				"0".repeat(63) + " ", "0".repeat(63) + "\u00e9", "" }) {
			for (String column : new String[] { "prev_hash", "hash" }) {
				String prev = column.equals("prev_hash") ? bad : valid;
				String hash = column.equals("hash") ? bad : valid;
				assertThatExceptionOfType(SQLException.class).as(column + " = '" + bad + "'")
					.isThrownBy(() -> insert(prev, hash))
					.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("23514"))
					.withMessageContaining("audit_events_" + column + "_check");
			}
		}
		assertUnchanged();
	}

	@Test
	void applicationRoleCanOnlyInsertAndSelect() {
		assertThat(database.adminJdbc()
			.queryForList("select privilege_type from information_schema.role_table_grants "
					+ "where grantee = ? and table_schema = 'foundation' and table_name = 'audit_events' order by 1",
					String.class, database.appRole().name()))
			.containsExactly("INSERT", "SELECT");
	}

	private static void insert(String prevHash, String hash) throws SQLException {
		try (Connection connection = database.admin().getConnection();
				PreparedStatement insert = connection.prepareStatement("insert into foundation.audit_events "
						+ "(id, tenant_id, seq, occurred_at, actor_kind, action, outcome, prev_hash, hash) "
						+ "values (gen_random_uuid(), ?, 1000, now(), 'system', 'contact.update', 'success', ?, ?)")) {
			insert.setObject(1, tenant);
			insert.setString(2, prevHash);
			insert.setString(3, hash);
			insert.executeUpdate();
		}
	}

	private static String partition() {
		return database.adminJdbc()
			.queryForObject("select tableoid::regclass::text from foundation.audit_events limit 1", String.class);
	}

	private static void assertRefusedToApplicationRole(String sql) {
		assertThatExceptionOfType(SQLException.class).as(sql)
			.isThrownBy(() -> run(database.app(), database.bindingOf(tenant), sql))
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("42501"));
	}

	private static void assertUnchanged() {
		assertThat(database.adminJdbc()
			.queryForObject("select count(*) from foundation.audit_events where tenant_id = ? and action = "
					+ "'contact.update' and outcome = 'success'", Long.class, tenant))
			.isEqualTo(3);
	}

	private static void run(DataSource dataSource, String binding, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				if (binding != null) {
					try (PreparedStatement bind = connection
						.prepareStatement("select set_config('foundation.tenant_binding', ?, true)")) {
						bind.setString(1, binding);
						bind.execute();
					}
				}
				try (Statement statement = connection.createStatement()) {
					statement.execute(sql);
				}
				connection.commit();
			}
			finally {
				if (!connection.getAutoCommit()) {
					connection.rollback();
				}
			}
		}
	}

}
