package dev.foundation.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Row-level security keeps each tenant's audit events to itself, for SQL run as the
 * application role.
 */
class TenantIsolationIntegrationTests {

	private static AuditTestDatabase database;

	private static final UUID TENANT_A = UUID.randomUUID();

	private static final UUID TENANT_B = UUID.randomUUID();

	@BeforeAll
	static void recordEvents() {
		database = AuditTestDatabase.create();
		AuditTestDatabase.Stack stack = database.stack(2);
		stack.log().event("contact.create").tenant(TENANT_A).resource("contact", 1).record();
		stack.log().event("contact.create").tenant(TENANT_B).resource("contact", 2).record();
		stack.log().event("system.start").system().record();
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	@Test
	void tenantBCannotReadTenantAEventsThroughSqlAsApplicationRole() throws SQLException {
		assertThat(count(database.bindingOf(TENANT_B),
				"select count(*) from foundation.audit_events where tenant_id = '" + TENANT_A + "'"))
			.isZero();
		assertThat(count(database.bindingOf(TENANT_B), "select count(*) from foundation.audit_events")).isEqualTo(1);
		assertThat(count(database.bindingOf(TENANT_A), "select count(*) from foundation.audit_events")).isEqualTo(1);
	}

	@Test
	void withoutBindingNoEventIsVisibleNotEvenSystemEvents() throws SQLException {
		assertThat(count(null, "select count(*) from foundation.audit_events")).isZero();
		assertThat(count(database.bindingOf(TENANT_A),
				"select count(*) from foundation.audit_events " + "where tenant_id is null"))
			.isZero();
	}

	@Test
	void forgedBindingSeesNothing() throws SQLException {
		String forged = TENANT_A + "." + "0".repeat(64);
		assertThat(count(forged, "select count(*) from foundation.audit_events")).isZero();
	}

	@Test
	void tenantBCannotAppendToTenantAChain() {
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> count(database.bindingOf(TENANT_B),
					"with i as (insert into foundation.audit_events (id, tenant_id, seq, occurred_at, actor_kind, "
							+ "action, outcome, prev_hash, hash) values (gen_random_uuid(), '" + TENANT_A
							+ "', 99, now(), 'system', 'x', 'success', repeat('0', 64), repeat('0', 64)) returning 1) "
							+ "select count(*) from i"))
			.withMessageContaining("row-level security");
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> count(database.bindingOf(TENANT_B),
				"with u as (update foundation.audit_chain_heads set last_seq = 0 where chain_key = '" + TENANT_A
						+ "' returning 1) select count(*) + 1 / (count(*) - 0) from u"));
	}

	private static long count(String binding, String sql) throws SQLException {
		try (Connection connection = database.app().getConnection()) {
			connection.setAutoCommit(false);
			try {
				if (binding != null) {
					try (PreparedStatement bind = connection
						.prepareStatement("select set_config('foundation.tenant_binding', ?, true)")) {
						bind.setString(1, binding);
						bind.execute();
					}
				}
				try (PreparedStatement statement = connection.prepareStatement(sql);
						ResultSet result = statement.executeQuery()) {
					result.next();
					return result.getLong(1);
				}
			}
			finally {
				connection.rollback();
			}
		}
	}

}
