package dev.foundation.audit.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.foundation.audit.ChainVerification;
import dev.foundation.audit.ChainVerification.Problem;
import dev.foundation.audit.SignedCheckpoint;
import dev.foundation.audit.cli.VerifyAuditChain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotating the checkpoint signing key: the active key signs, the keys it replaced stay
 * trusted for the checkpoints they signed, a checkpoint naming an untrusted key or
 * carrying another key's signature is reported, and a key removed from the trusted keys
 * makes its checkpoints fail. Through the Java API and the command line.
 */
class CheckpointKeyRotationIntegrationTests {

	private static AuditTestDatabase database;

	private static AuditTestDatabase.Stack stack;

	private static TestKey january;

	private static TestKey december;

	@TempDir
	Path directory;

	@BeforeAll
	static void createDatabase() throws Exception {
		database = AuditTestDatabase.create();
		stack = database.stack(2);
		january = TestKey.create("2026-01");
		december = TestKey.create("2026-12");
	}

	@AfterAll
	static void dropDatabase() throws Exception {
		database.close();
	}

	@Test
	void checkpointsOfTheReplacedKeyStillVerifyAfterRotation() throws Exception {
		UUID tenant = chainWithRetentionCheckpoint(january.key());
		SignedCheckpoint beforeRotation = checkpoints(january.key(), january).create(tenant);
		assertThat(beforeRotation.keyId()).isEqualTo("2026-01");

		// Rotated: December signs, January stays trusted.
		CheckpointSignatures trusted = trust(december, january);
		JdbcAuditCheckpoints rotated = checkpoints(december.key(), december, january);
		stack.log().event("contact.update").tenant(tenant).record();
		SignedCheckpoint afterRotation = rotated.create(tenant);
		assertThat(afterRotation.keyId()).isEqualTo("2026-12");

		List<SignedCheckpoint> exported = rotated.list(tenant);
		assertThat(exported).extracting(SignedCheckpoint::keyId).containsExactly("2026-12", "2026-01", "2026-01");
		assertThat(exported).allSatisfy((checkpoint) -> assertThat(rotated.verify(checkpoint)).isTrue());
		assertThat(exported.get(2).retention()).isTrue();
		ChainVerification result = verifier(trusted).verify(tenant);
		assertThat(result.intact()).as(String.valueOf(result.message())).isTrue();
		assertThat(cli(tenant, december.argument(this.directory), january.argument(this.directory))).isZero();
	}

	@Test
	void checkpointSignedByAnUntrustedKeyIsReported() throws Exception {
		UUID tenant = chainWithRetentionCheckpoint(january.key());
		CheckpointSignatures trusted = trust(december, january);
		assertThat(verifier(trusted).verify(tenant).intact()).isTrue();
		TestKey stranger = TestKey.create("stranger");

		// The owner re-signs the checkpoint consistently with a key of its own, and names
		// it.
		resign(tenant, stranger.key(), "stranger");
		ChainVerification unknownKey = verifier(trusted).verify(tenant);
		assertThat(unknownKey.problem()).isEqualTo(Problem.FORGED_CHECKPOINT);
		assertThat(unknownKey.badSeq()).isEqualTo(2);
		assertThat(unknownKey.message()).contains("'stranger'", "not a trusted checkpoint key");
		assertThat(cli(tenant, december.argument(this.directory), january.argument(this.directory))).isEqualTo(1);

		// ... or names a trusted key while the signature is its own.
		resign(tenant, stranger.key(), "2026-01");
		ChainVerification badSignature = verifier(trusted).verify(tenant);
		assertThat(badSignature.problem()).isEqualTo(Problem.FORGED_CHECKPOINT);
		assertThat(badSignature.message()).contains("not signed by the trusted key it names ('2026-01')");

		// ... or names the other trusted key than the one that signed.
		resign(tenant, january.key(), "2026-12");
		assertThat(verifier(trusted).verify(tenant).problem()).isEqualTo(Problem.FORGED_CHECKPOINT);
		resign(tenant, january.key(), "2026-01");
		assertThat(verifier(trusted).verify(tenant).intact()).isTrue();
	}

	@Test
	void keyRemovedFromTheTrustedKeysMakesItsCheckpointsFail() throws Exception {
		UUID tenant = chainWithRetentionCheckpoint(january.key());
		SignedCheckpoint exported = checkpoints(january.key(), january).create(tenant);
		assertThat(verifier(trust(december, january)).verify(tenant).intact()).isTrue();

		CheckpointSignatures decemberOnly = trust(december);
		ChainVerification result = verifier(decemberOnly).verify(tenant);
		assertThat(result.intact()).isFalse();
		assertThat(result.problem()).isEqualTo(Problem.FORGED_CHECKPOINT);
		assertThat(result.message()).contains("'2026-01'", "not a trusted checkpoint key");
		assertThat(checkpoints(december.key(), december).verify(exported)).isFalse();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(cli(out, tenant, december.argument(this.directory))).isEqualTo(1);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains(tenant + " BROKEN FORGED_CHECKPOINT at 1");
	}

	@Test
	void checkpointsNamingTheDefaultKeyIdVerifyWithTheKeyListedWithoutAnId() throws Exception {
		// What every checkpoint stored before key ids were configurable names.
		CheckpointKey unnamed = new CheckpointKey(january.privatePem(), january.publicPem());
		String defaultId = CheckpointSignatures.defaultKeyId(january.publicKey());
		assertThat(unnamed.keyId()).isEqualTo(defaultId).matches("ed25519:[0-9a-f]{16}");
		UUID tenant = chainWithRetentionCheckpoint(unnamed);
		assertThat(database.adminJdbc()
			.queryForObject("select key_id from foundation.audit_checkpoints where chain_key = ? and retention",
					String.class, tenant))
			.isEqualTo(defaultId);

		assertThat(verifier(new CheckpointSignatures(january.publicPem())).verify(tenant).intact()).isTrue();
		assertThat(verifier(trust(january)).verify(tenant).problem()).as("listed under another id")
			.isEqualTo(Problem.FORGED_CHECKPOINT);
		Path file = this.directory.resolve("unnamed.pem");
		Files.writeString(file, january.publicPem());
		assertThat(cli(tenant, december.argument(this.directory), file.toString())).isZero();
	}

	@Test
	void commandLineRefusesAKeyIdGivenTwice() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(cli(out, UUID.randomUUID(), january.argument(this.directory),
				"2026-01=" + december.argument(this.directory).substring("2026-12=".length())))
			.isEqualTo(2);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("2026-01 is given more than once");
	}

	// A chain of three events whose first was dropped by retention, leaving a checkpoint
	// signed with the key at event 1 (the chain starts at 2).
	private static UUID chainWithRetentionCheckpoint(CheckpointKey key) {
		YearMonth old = YearMonth.now(ZoneOffset.UTC).minusMonths(3);
		database.execute("select foundation.audit_create_partition('" + old.atDay(1) + "')");
		UUID tenant = UUID.randomUUID();
		Clock past = Clock.fixed(old.atDay(10).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
		ChainTransactions pastChains = new ChainTransactions(new TenancyAuditTenantScope(),
				new TransactionTemplate(stack.transactionManager()), stack.pool(),
				new ChainAppender("foundation", past));
		pastChains.append(tenant, List.of(stack.log().toEvent(stack.log().event("contact.update").tenant(tenant))));
		for (int i = 0; i < 2; i++) {
			stack.log().event("contact.update").tenant(tenant).record();
		}
		new PartitionRetention(database.admin(), "foundation", key, stack.log(), Clock.systemUTC())
			.dropBefore(YearMonth.now(ZoneOffset.UTC).minusMonths(1));
		assertThat(database.adminJdbc()
			.queryForObject("select seq from foundation.audit_checkpoints where chain_key = ? and retention",
					Long.class, tenant))
			.isEqualTo(1);
		return tenant;
	}

	// As the owner, with the triggers off: a consistent checkpoint for event 2 (hiding
	// event 2 from the walk), signed by the key, naming the key id.
	private static void resign(UUID tenant, CheckpointKey key, String keyId) {
		String hash = database.adminJdbc()
			.queryForObject("select hash from foundation.audit_events where tenant_id = ? and seq = 2", String.class,
					tenant);
		SignedCheckpoint forged = JdbcAuditCheckpoints.sign(key, tenant, 2, hash,
				Instant.now().truncatedTo(ChronoUnit.MICROS), true);
		database.execute("set session_replication_role = replica; update foundation.audit_checkpoints set seq = 2, "
				+ "hash = '" + hash + "', payload = '" + forged.payload() + "', signature = '" + forged.signature()
				+ "', signed_at = '" + forged.signedAt() + "', key_id = '" + keyId + "' where chain_key = '" + tenant
				+ "' and retention");
	}

	private static CheckpointSignatures trust(TestKey... keys) {
		Map<String, java.security.PublicKey> trusted = new LinkedHashMap<>();
		for (TestKey key : keys) {
			trusted.put(key.id(), key.publicKey());
		}
		return new CheckpointSignatures(trusted);
	}

	private static JdbcAuditCheckpoints checkpoints(CheckpointKey active, TestKey... trusted) {
		return new JdbcAuditCheckpoints(new TenancyAuditTenantScope(),
				new TransactionTemplate(stack.transactionManager()), stack.pool(), "foundation", active, trust(trusted),
				Clock.systemUTC());
	}

	private static JdbcAuditChainVerifier verifier(CheckpointSignatures trusted) {
		TransactionTemplate readOnly = new TransactionTemplate(stack.transactionManager());
		readOnly.setReadOnly(true);
		return new JdbcAuditChainVerifier(new TenancyAuditTenantScope(), readOnly, stack.pool(), "foundation",
				stack.log(), trusted);
	}

	private static int cli(UUID tenant, String... publicKeys) {
		return cli(new ByteArrayOutputStream(), tenant, publicKeys);
	}

	private static int cli(ByteArrayOutputStream out, UUID tenant, String... publicKeys) {
		String url = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "user="
				+ database.adminUser();
		List<String> args = new java.util.ArrayList<>(List.of(url));
		for (String key : publicKeys) {
			args.add("--public-key");
			args.add(key);
		}
		args.add(tenant.toString());
		return VerifyAuditChain.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
				database.adminPassword());
	}

	record TestKey(String id, CheckpointKey key, java.security.PublicKey publicKey, String privatePem,
			String publicPem) {

		static TestKey create(String id) throws Exception {
			KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			String privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
			String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
			return new TestKey(id, new CheckpointKey(privatePem, publicPem, id), pair.getPublic(), privatePem,
					publicPem);
		}

		// "id=file", the public key written to a file in the directory.
		String argument(Path directory) throws Exception {
			Path file = directory.resolve(this.id + ".pem");
			Files.writeString(file, this.publicPem);
			return this.id + "=" + file;
		}

		private static String pem(String type, byte[] der) {
			return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
					+ "-----\n";
		}

		@Override
		public String toString() {
			return "TestKey[" + this.id + "]";
		}

	}

}
