package dev.foundation.audit.internal;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.foundation.audit.ChainVerification;
import dev.foundation.audit.SignedCheckpoint;
import dev.foundation.tenancy.persistence.TenantScope;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Signed checkpoints and retention: dropping old partitions leaves a signed checkpoint
 * where each chain now starts, an audit event, and chains that still verify; the
 * application role cannot forge a retention checkpoint to make the verifier skip events.
 */
class RetentionIntegrationTests {

	@Test
	void droppingOldPartitionsLeavesACheckpointAndAVerifiableChain() throws Exception {
		try (AuditTestDatabase database = AuditTestDatabase.create()) {
			AuditTestDatabase.Stack stack = database.stack(2);
			CheckpointKey key = newKey();
			YearMonth old = YearMonth.now(ZoneOffset.UTC).minusMonths(3);
			database.execute("select foundation.audit_create_partition('" + old.atDay(1) + "')");
			UUID tenant = UUID.randomUUID();
			Clock past = Clock.fixed(old.atDay(10).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
			ChainTransactions pastChains = new ChainTransactions(new TenancyAuditTenantScope(),
					new TransactionTemplate(stack.transactionManager()), stack.pool(),
					new ChainAppender("foundation", past));
			for (int i = 0; i < 3; i++) {
				pastChains.append(tenant,
						List.of(stack.log().toEvent(stack.log().event("contact.update").tenant(tenant))));
			}
			for (int i = 0; i < 2; i++) {
				stack.log().event("contact.update").tenant(tenant).record();
			}

			PartitionRetention retention = new PartitionRetention(database.admin(), "foundation", key, stack.log(),
					Clock.systemUTC());
			List<String> dropped = retention.dropBefore(YearMonth.now(ZoneOffset.UTC).minusMonths(1));
			assertThat(dropped)
				.contains("audit_events_y" + old.getYear() + "m" + String.format("%02d", old.getMonthValue()));

			ChainVerification result = stack.verifier().verify(tenant);
			assertThat(result.intact()).as(String.valueOf(result.message())).isTrue();
			assertThat(result.firstSeq()).isEqualTo(4);
			assertThat(result.eventsChecked()).isEqualTo(2);

			JdbcAuditCheckpoints checkpoints = new JdbcAuditCheckpoints(new TenancyAuditTenantScope(),
					new TransactionTemplate(stack.transactionManager()), stack.pool(), "foundation", key,
					Clock.systemUTC());
			List<SignedCheckpoint> exported = checkpoints.list(tenant);
			assertThat(exported).singleElement().satisfies((checkpoint) -> {
				assertThat(checkpoint.retention()).isTrue();
				assertThat(checkpoint.seq()).isEqualTo(3);
				assertThat(checkpoints.verify(checkpoint)).isTrue();
			});
			assertThat(database.adminJdbc()
				.queryForObject("select count(*) from foundation.audit_events where action = 'audit.retention' "
						+ "and tenant_id is null", Long.class))
				.isEqualTo(1);
		}
	}

	@Test
	void verifierWithThePublicKeyReportsAForgedRetentionCheckpoint() throws Exception {
		try (AuditTestDatabase database = AuditTestDatabase.create()) {
			AuditTestDatabase.Stack stack = database.stack(2);
			KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			CheckpointKey key = new CheckpointKey(pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
					pem("PUBLIC KEY", pair.getPublic().getEncoded()));
			CheckpointSignatures signatures = new CheckpointSignatures(
					pem("PUBLIC KEY", pair.getPublic().getEncoded()));
			YearMonth old = YearMonth.now(ZoneOffset.UTC).minusMonths(3);
			database.execute("select foundation.audit_create_partition('" + old.atDay(1) + "')");
			UUID tenant = UUID.randomUUID();
			Clock past = Clock.fixed(old.atDay(10).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
			ChainTransactions pastChains = new ChainTransactions(new TenancyAuditTenantScope(),
					new TransactionTemplate(stack.transactionManager()), stack.pool(),
					new ChainAppender("foundation", past));
			pastChains.append(tenant, List.of(stack.log().toEvent(stack.log().event("contact.update").tenant(tenant))));
			for (int i = 0; i < 3; i++) {
				stack.log().event("contact.update").tenant(tenant).record();
			}
			new PartitionRetention(database.admin(), "foundation", key, stack.log(), Clock.systemUTC())
				.dropBefore(YearMonth.now(ZoneOffset.UTC).minusMonths(1));
			JdbcAuditChainVerifier checking = verifier(stack, signatures);
			assertThat(checking.verify(tenant).intact()).isTrue();

			// The owner moves the checkpoint one event on, to hide event 2 from the walk.
			String hash2 = database.adminJdbc()
				.queryForObject("select hash from foundation.audit_events where tenant_id = ? and seq = 2",
						String.class, tenant);
			database.execute("set session_replication_role = replica; update foundation.audit_checkpoints set seq = 2, "
					+ "hash = '" + hash2 + "' where chain_key = '" + tenant + "' and retention");

			assertThat(stack.verifier().verify(tenant).intact()).as("without the key the checkpoint is trusted")
				.isTrue();
			ChainVerification moved = checking.verify(tenant);
			assertThat(moved.intact()).isFalse();
			assertThat(moved.problem()).isEqualTo(ChainVerification.Problem.FORGED_CHECKPOINT);
			assertThat(moved.badSeq()).isEqualTo(2);

			// Re-signed consistently, but with another key.
			SignedCheckpoint forged = JdbcAuditCheckpoints.sign(newKey(), tenant, 2, hash2,
					Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS), true);
			database
				.execute("set session_replication_role = replica; update foundation.audit_checkpoints set payload = '"
						+ forged.payload() + "', signature = '" + forged.signature() + "', signed_at = '"
						+ forged.signedAt() + "' where chain_key = '" + tenant + "' and retention");
			assertThat(checking.verify(tenant).problem()).isEqualTo(ChainVerification.Problem.FORGED_CHECKPOINT);
		}
	}

	private static JdbcAuditChainVerifier verifier(AuditTestDatabase.Stack stack, CheckpointSignatures signatures) {
		TransactionTemplate readOnly = new TransactionTemplate(stack.transactionManager());
		readOnly.setReadOnly(true);
		return new JdbcAuditChainVerifier(new TenancyAuditTenantScope(), readOnly, stack.pool(), "foundation",
				stack.log(), signatures);
	}

	@Test
	void checkpointSignatureCoversChainSequenceAndHash() throws Exception {
		try (AuditTestDatabase database = AuditTestDatabase.create()) {
			AuditTestDatabase.Stack stack = database.stack(2);
			CheckpointKey key = newKey();
			UUID tenant = UUID.randomUUID();
			stack.log().event("contact.update").tenant(tenant).record();
			JdbcAuditCheckpoints checkpoints = new JdbcAuditCheckpoints(new TenancyAuditTenantScope(),
					new TransactionTemplate(stack.transactionManager()), stack.pool(), "foundation", key,
					Clock.systemUTC());
			SignedCheckpoint checkpoint = checkpoints.create(tenant);
			assertThat(checkpoint.seq()).isEqualTo(1);
			assertThat(checkpoints.verify(checkpoint)).isTrue();
			SignedCheckpoint otherSeq = new SignedCheckpoint(tenant, 2, checkpoint.hash(), checkpoint.signedAt(),
					checkpoint.keyId(), checkpoint.payload().replace("\"seq\":1", "\"seq\":2"), checkpoint.signature(),
					false);
			assertThat(checkpoints.verify(otherSeq)).isFalse();
			SignedCheckpoint otherTenant = new SignedCheckpoint(UUID.randomUUID(), 1, checkpoint.hash(),
					checkpoint.signedAt(), checkpoint.keyId(), checkpoint.payload(), checkpoint.signature(), false);
			assertThat(checkpoints.verify(otherTenant)).isFalse();
			assertThat(new JdbcAuditCheckpoints(new TenancyAuditTenantScope(),
					new TransactionTemplate(stack.transactionManager()), stack.pool(), "foundation", newKey(),
					Clock.systemUTC())
				.verify(checkpoint)).isFalse();
		}
	}

	@Test
	void applicationRoleCannotForgeARetentionCheckpoint() throws Exception {
		try (AuditTestDatabase database = AuditTestDatabase.create()) {
			UUID tenant = UUID.randomUUID();
			try (Connection connection = database.app().getConnection()) {
				connection.setAutoCommit(false);
				JdbcTemplate jdbc = new JdbcTemplate(
						new org.springframework.jdbc.datasource.SingleConnectionDataSource(connection, true));
				jdbc.queryForObject("select set_config('foundation.tenant_binding', ?, true)", String.class,
						database.bindingOf(tenant));
				assertThatExceptionOfType(Exception.class)
					.isThrownBy(() -> jdbc.update("insert into foundation.audit_checkpoints (id, chain_key, tenant_id, "
							+ "seq, hash, signed_at, key_id, payload, signature, retention) values (gen_random_uuid(), "
							+ "?, ?, 999, repeat('0', 64), now(), 'k', '{}', 'x', true)", tenant, tenant))
					.havingRootCause()
					.isInstanceOf(SQLException.class)
					.withMessageContaining("permission denied");
				connection.rollback();
			}
		}
	}

	static CheckpointKey newKey() throws Exception {
		KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		return new CheckpointKey(pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
				pem("PUBLIC KEY", pair.getPublic().getEncoded()));
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
				+ "-----\n";
	}

}
