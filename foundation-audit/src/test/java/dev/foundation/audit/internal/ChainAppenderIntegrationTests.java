package dev.foundation.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import dev.foundation.audit.AuditEvent;
import dev.foundation.audit.ChainVerification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The appender's two ways of appending against a real database as the application role:
 * locking the chain's head first, and inserting ahead of the lock (the batched writer's
 * own transactions), including a remembered head that another instance moved meanwhile.
 */
class ChainAppenderIntegrationTests {

	private static AuditTestDatabase database;

	private static AuditTestDatabase.Stack stack;

	@BeforeAll
	static void createDatabase() {
		database = AuditTestDatabase.create();
		stack = database.stack(2);
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	@Test
	void appendAheadOfTheHeadLockLinksEventsToTheRememberedHead() throws SQLException {
		UUID tenant = UUID.randomUUID();
		ChainAppender appender = new ChainAppender("foundation", Clock.systemUTC());
		commit(tenant, (connection) -> appender.append(connection, tenant, events(tenant, 2)));
		List<String> hashes = commit(tenant,
				(connection) -> appender.appendAhead(connection, tenant, events(tenant, 3)));
		assertThat(hashes).hasSize(3);
		assertThat(database.adminJdbc()
			.queryForObject("select hash from foundation.audit_events where tenant_id = ? and seq = 5", String.class,
					tenant))
			.isEqualTo(hashes.get(2));
		assertIntact(tenant, 5);
	}

	@Test
	void appendAheadOfAHeadAnotherInstanceMovedIsRefusedAndLeavesNothingOnceRolledBack() throws SQLException {
		UUID tenant = UUID.randomUUID();
		ChainAppender first = new ChainAppender("foundation", Clock.systemUTC());
		ChainAppender second = new ChainAppender("foundation", Clock.systemUTC());
		commit(tenant, (connection) -> first.append(connection, tenant, events(tenant, 1)));
		// The other instance moves the head: the first one's memory of it is stale.
		commit(tenant, (connection) -> second.append(connection, tenant, events(tenant, 2)));
		assertThatExceptionOfType(ChainAppender.HeadMovedException.class)
			.isThrownBy(() -> commit(tenant, (connection) -> first.appendAhead(connection, tenant, events(tenant, 4))));
		assertThat(count(tenant)).isEqualTo(3);
		// Appended again (the chain is now known to be contended: the head is locked
		// first).
		commit(tenant, (connection) -> first.appendAhead(connection, tenant, events(tenant, 4)));
		assertIntact(tenant, 7);
		assertThat(count(tenant)).isEqualTo(7);
	}

	@Test
	void batchedWritersOfTwoInstancesTakingTurnsKeepOneChain() {
		UUID tenant = UUID.randomUUID();
		AuditTestDatabase.Stack other = database.stack(2);
		for (int i = 0; i < 20; i++) {
			// Each write makes the other instance's remembered head stale.
			AuditTestDatabase.Stack writer = (i % 2 == 0) ? stack : other;
			writer.log().event("contact.update").tenant(tenant).resource("contact", i).record();
		}
		assertIntact(tenant, 20);
		assertThat(count(tenant)).isEqualTo(20);
	}

	// Verifying records an audit.verify event in the chain: call it last.
	private static void assertIntact(UUID tenant, long events) {
		ChainVerification result = stack.verifier().verify(tenant);
		assertThat(result.intact()).as(String.valueOf(result.message())).isTrue();
		assertThat(result.lastSeq()).isEqualTo(events);
	}

	private static long count(UUID tenant) {
		Long count = database.adminJdbc()
			.queryForObject(
					"select count(*) from foundation.audit_events where tenant_id = ? and action <> 'audit.verify'",
					Long.class, tenant);
		return (count != null) ? count : -1;
	}

	private static List<AuditEvent> events(UUID tenant, int count) {
		return java.util.stream.IntStream.range(0, count)
			.mapToObj((i) -> stack.log()
				.toEvent(stack.log().event("contact.update").tenant(tenant).resource("contact", i)))
			.toList();
	}

	private static <T> T commit(UUID tenant, Work<T> work) throws SQLException {
		try (Connection connection = database.app().getConnection()) {
			connection.setAutoCommit(false);
			try {
				try (PreparedStatement bind = connection
					.prepareStatement("select set_config('foundation.tenant_binding', ?, true)")) {
					bind.setString(1, database.bindingOf(tenant));
					bind.execute();
				}
				T result = work.run(connection);
				connection.commit();
				return result;
			}
			finally {
				if (!connection.getAutoCommit()) {
					connection.rollback();
				}
			}
		}
	}

	@FunctionalInterface
	interface Work<T> {

		T run(Connection connection) throws SQLException;

	}

}
