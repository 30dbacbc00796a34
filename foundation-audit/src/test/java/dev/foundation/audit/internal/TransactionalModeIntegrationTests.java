package dev.foundation.audit.internal;

import java.util.UUID;

import dev.foundation.audit.AuditOutcome;
import dev.foundation.audit.WriteMode;
import dev.foundation.tenancy.persistence.TenantScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Events in the caller's transaction commit and roll back with it; a failure event in the
 * same transaction is written in its own, so the rollback cannot erase it; an event
 * recorded after the commit (an afterCommit callback) is not lost.
 */
class TransactionalModeIntegrationTests {

	private static AuditTestDatabase database;

	private static AuditTestDatabase.Stack stack;

	@BeforeAll
	static void createDatabase() {
		database = AuditTestDatabase.create();
		stack = database.stack(4);
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	@Test
	void rolledBackTransactionLeavesItsFailureEventOnly() {
		UUID tenant = UUID.randomUUID();
		assertThatIllegalStateException()
			.isThrownBy(() -> TenantScope.run(tenant, () -> stack.transactions().executeWithoutResult((status) -> {
				stack.log().event("contact.update").resource("contact", "1").record();
				try {
					throw new IllegalStateException("business rule");
				}
				catch (IllegalStateException ex) {
					stack.log().event("contact.update").resource("contact", "1").failure(ex).record();
					throw ex;
				}
			})));
		assertThat(outcomes(tenant)).containsExactly("failure");
		assertThat(stack.verifier().verify(tenant).intact()).isTrue();
	}

	@Test
	void committedTransactionKeepsItsEvents() {
		UUID tenant = UUID.randomUUID();
		TenantScope.run(tenant, () -> stack.transactions().executeWithoutResult((status) -> {
			stack.log().event("contact.create").resource("contact", "1").record();
			stack.log().event("contact.update").resource("contact", "1").mode(WriteMode.TRANSACTIONAL).record();
			// Before the commit nothing is visible to others.
			assertThat(outcomes(tenant)).isEmpty();
		}));
		assertThat(outcomes(tenant)).containsExactly("success", "success");
	}

	@Test
	void eventRecordedInAnAfterCommitCallbackIsNotLost() {
		UUID tenant = UUID.randomUUID();
		TenantScope.run(tenant, () -> stack.transactions().executeWithoutResult((status) -> {
			stack.log().event("contact.create").resource("contact", "1").record();
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					stack.log().event("contact.notify").resource("contact", "1").outcome(AuditOutcome.SUCCESS).record();
				}
			});
		}));
		assertThat(database.adminJdbc()
			.queryForList("select action from foundation.audit_events where tenant_id = ? order by seq", String.class,
					tenant))
			.containsExactly("contact.create", "contact.notify");
	}

	private static java.util.List<String> outcomes(UUID tenant) {
		return database.adminJdbc()
			.queryForList(
					"select outcome from foundation.audit_events where tenant_id = ? and action <> 'audit.verify' "
							+ "order by seq",
					String.class, tenant);
	}

}
