package dev.foundation.audit.internal;

import java.util.UUID;

import dev.foundation.audit.ChainVerification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appender's remembered chain head against a real database as the application role:
 * when another instance moved the head meanwhile, the one-statement append changes
 * nothing and the appender falls back to locking and reading the head, in the same
 * transaction.
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

}
