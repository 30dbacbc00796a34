package dev.foundation.audit.internal;

import java.time.Instant;
import java.util.UUID;

import dev.foundation.audit.ChainVerification;
import dev.foundation.audit.ChainVerification.Problem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verifier finds what someone with more rights than the application (a superuser,
 * triggers off) did to a chain: the first changed, missing or reordered event.
 */
class ChainVerificationIntegrationTests {

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
	void intactChainVerifies() {
		UUID tenant = chainOfFive();
		ChainVerification result = stack.verifier().verify(tenant);
		assertThat(result.intact()).isTrue();
		assertThat(result.eventsChecked()).isEqualTo(5);
		assertThat(result.firstSeq()).isEqualTo(1);
		assertThat(result.lastSeq()).isEqualTo(5);
		assertThat(result.problem()).isNull();
	}

	@Test
	void verificationRunIsItselfAudited() {
		UUID tenant = chainOfFive();
		stack.verifier().verify(tenant);
		assertThat(superuser().queryForObject(
				"select count(*) from foundation.audit_events where tenant_id = ? and action = 'audit.verify'",
				Long.class, tenant))
			.isEqualTo(1);
		assertThat(stack.verifier().verify(tenant).eventsChecked()).isEqualTo(6);
	}

	@Test
	void verifierCatchesRowChangedBySuperuserWithTriggerDisabled() {
		UUID tenant = chainOfFive();
		tamper("update foundation.audit_events set details = '{\"name\":\"Mallory\"}' where tenant_id = '" + tenant
				+ "' and seq = 3");
		assertBroken(tenant, Problem.MODIFIED, 3);
	}

	@Test
	void verifierCatchesChangedOutcomeEvenWhenTheHashIsRecomputed() {
		UUID tenant = chainOfFive();
		// An attacker who knows the canonical form fixes the changed row's own hash: the
		// next event's link gives it away.
		JdbcTemplate jdbc = superuser();
		var row = jdbc.queryForMap("select * from foundation.audit_events where tenant_id = ? and seq = 2", tenant);
		String forged = CanonicalForm.hash(new CanonicalForm.Row((UUID) row.get("id"), tenant, 2,
				((java.sql.Timestamp) row.get("occurred_at")).toInstant(), (String) row.get("actor_id"),
				(String) row.get("actor_kind"), (String) row.get("action"), (String) row.get("resource_type"),
				(String) row.get("resource_id"), "failure", (String) row.get("correlation_id"),
				(String) row.get("client_ip"), (String) row.get("user_agent"),
				CanonicalForm.canonicalText(row.get("details").toString()), (String) row.get("prev_hash")));
		tamper("update foundation.audit_events set outcome = 'failure', hash = '" + forged + "' where tenant_id = '"
				+ tenant + "' and seq = 2");
		assertBroken(tenant, Problem.BROKEN_LINK, 3);
	}

	@Test
	void verifierCatchesDeletedRow() {
		UUID tenant = chainOfFive();
		tamper("delete from foundation.audit_events where tenant_id = '" + tenant + "' and seq = 3");
		assertBroken(tenant, Problem.GAP, 3);
	}

	@Test
	void verifierCatchesDeletedNewestRow() {
		UUID tenant = chainOfFive();
		tamper("delete from foundation.audit_events where tenant_id = '" + tenant + "' and seq = 5");
		assertBroken(tenant, Problem.MISSING_TAIL, 5);
	}

	@Test
	void verifierCatchesSwappedSequenceNumbers() {
		UUID tenant = chainOfFive();
		tamper("update foundation.audit_events set seq = case seq when 2 then 4 else 2 end where tenant_id = '" + tenant
				+ "' and seq in (2, 4)");
		assertBroken(tenant, Problem.MODIFIED, 2);
	}

	@Test
	void verifierCatchesSecondEventWithTheSameSequenceNumber() {
		UUID tenant = chainOfFive();
		tamper("insert into foundation.audit_events (id, tenant_id, seq, occurred_at, actor_id, actor_kind, action, "
				+ "resource_type, resource_id, outcome, correlation_id, client_ip, user_agent, details, prev_hash, hash) "
				+ "select gen_random_uuid(), tenant_id, seq, occurred_at, actor_id, actor_kind, action, resource_type, "
				+ "resource_id, outcome, correlation_id, client_ip, user_agent, details, prev_hash, hash "
				+ "from foundation.audit_events where tenant_id = '" + tenant + "' and seq = 2");
		ChainVerification result = stack.verifier().verify(tenant);
		assertThat(result.intact()).isFalse();
		// Whichever of the two rows comes first, the verifier stops at 2: the copy does
		// not
		// hash to its stored hash (its id differs), the original is followed by a
		// duplicate.
		assertThat(result.problem()).isIn(Problem.DUPLICATE, Problem.MODIFIED);
		assertThat(result.badSeq()).isEqualTo(2);
	}

	@Test
	void commandLineVerifierReportsIntactAndTamperedChains() {
		UUID intact = chainOfFive();
		UUID tampered = chainOfFive();
		tamper("delete from foundation.audit_events where tenant_id = '" + tampered + "' and seq = 2");
		String url = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "user="
				+ database.adminUser();
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		java.io.PrintStream print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
		assertThat(dev.foundation.audit.cli.VerifyAuditChain.run(new String[] { url, intact.toString() }, print,
				database.adminPassword()))
			.isZero();
		assertThat(dev.foundation.audit.cli.VerifyAuditChain.run(new String[] { url, tampered.toString() }, print,
				database.adminPassword()))
			.isEqualTo(1);
		assertThat(dev.foundation.audit.cli.VerifyAuditChain.run(new String[] { "not-a-url", "all" }, print, null))
			.isEqualTo(2);
		assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains(intact + " intact")
			.contains(tampered + " BROKEN GAP at 2")
			.contains("usage:");
	}

	private static void assertBroken(UUID tenant, Problem problem, long seq) {
		ChainVerification result = stack.verifier().verify(tenant);
		assertThat(result.intact()).isFalse();
		assertThat(result.problem()).isEqualTo(problem);
		assertThat(result.badSeq()).isEqualTo(seq);
		assertThat(result.message()).isNotBlank();
	}

	private static UUID chainOfFive() {
		UUID tenant = UUID.randomUUID();
		for (int i = 1; i <= 5; i++) {
			stack.log()
				.event("contact.update")
				.tenant(tenant)
				.resource("contact", i)
				.detail("at", Instant.now().toString())
				.detail("n", i)
				.record();
		}
		return tenant;
	}

	private static void tamper(String sql) {
		database.execute("set session_replication_role = replica; " + sql);
	}

	private static JdbcTemplate superuser() {
		return database.adminJdbc();
	}

}
