package dev.foundation.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.zaxxer.hikari.HikariDataSource;
import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.crypto.EncryptionContext;
import dev.foundation.crypto.FieldEncryptor;
import dev.foundation.crypto.internal.EnvelopeDataKeys;
import dev.foundation.crypto.internal.EnvelopeFieldEncryptor;
import dev.foundation.crypto.internal.LocalMasterKeyring;
import dev.foundation.test.TestPostgres;

/**
 * The comparison of {@link FieldEncryptionBenchmark} (encrypt + decrypt of a 64-byte
 * value, or of the size given: the foundation, the raw JDK {@code Cipher}, Tink) measured
 * in CPU time of the measuring thread rather than wall-clock time, in short rounds that
 * alternate the three (in rotating order): on a machine shared with other work, a thread
 * that waits for a core adds wall-clock time but no CPU time, and drift hits all three
 * alike. Prints the median CPU time per operation of each and the ratios (as throughput:
 * baseline time / foundation time). Not a JMH benchmark: run it with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.foundation.benchmarks.FieldEncryptionCpuTime [rounds] [size]}.
 */
public final class FieldEncryptionCpuTime {

	// 20,000 operations per round for 64-byte values, fewer for larger ones (at least
	// 10).
	private static final long BYTES_PER_ROUND = 20_000L * 64;

	private FieldEncryptionCpuTime() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 60;
		int size = (args.length > 1) ? Integer.parseInt(args[1]) : 64;
		int opsPerRound = (int) Math.max(10, BYTES_PER_ROUND / size);
		SecureRandom random = new SecureRandom();
		byte[] plaintext = new byte[size];
		random.nextBytes(plaintext);
		EncryptionContext context = EncryptionContext.of(UUID.randomUUID(), "contacts", "email");
		byte[] associatedData = context.encoded();
		TestPostgres postgres = TestPostgres.shared();
		String database = postgres.createDatabase("crypto_cpu");
		try (HikariDataSource dataSource = new HikariDataSource()) {
			dataSource.setJdbcUrl(postgres.jdbcUrl(database));
			dataSource.setUsername(postgres.username());
			dataSource.setPassword(postgres.password());
			dataSource.setMaximumPoolSize(2);
			new FoundationSchemaMigration(dataSource, "foundation", "foundation_schema_history",
					"classpath:db/foundation")
				.afterPropertiesSet();
			byte[] master = new byte[32];
			random.nextBytes(master);
			FieldEncryptor foundation = new EnvelopeFieldEncryptor(new EnvelopeDataKeys(dataSource, "foundation",
					new LocalMasterKeyring(Map.of("bench", master), "bench"), 1000, Duration.ofHours(1)));
			byte[] jdk = new byte[32];
			random.nextBytes(jdk);
			SecretKeySpec jdkKey = new SecretKeySpec(jdk, "AES");
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			AeadConfig.register();
			Aead tink = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
				.getPrimitive(RegistryConfiguration.get(), Aead.class);
			Op[] ops = { () -> foundation.decrypt(foundation.encrypt(plaintext, context), context), () -> {
				byte[] nonce = new byte[12];
				random.nextBytes(nonce);
				cipher.init(Cipher.ENCRYPT_MODE, jdkKey, new GCMParameterSpec(128, nonce));
				cipher.updateAAD(associatedData);
				byte[] ciphertext = cipher.doFinal(plaintext);
				cipher.init(Cipher.DECRYPT_MODE, jdkKey, new GCMParameterSpec(128, nonce));
				cipher.updateAAD(associatedData);
				return cipher.doFinal(ciphertext);
			}, () -> tink.decrypt(tink.encrypt(plaintext, associatedData), associatedData) };
			String[] names = { "foundation", "jdk", "tink" };
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			for (Op op : ops) {
				for (int i = 0; i < 15 * opsPerRound; i++) {
					op.run();
				}
			}
			double[][] nanos = new double[3][rounds];
			for (int round = 0; round < rounds; round++) {
				for (int k = 0; k < 3; k++) {
					int which = (round + k) % 3;
					long start = threads.getCurrentThreadCpuTime();
					for (int i = 0; i < opsPerRound; i++) {
						op(ops[which], size);
					}
					nanos[which][round] = (threads.getCurrentThreadCpuTime() - start) / (double) opsPerRound;
				}
			}
			double[] median = new double[3];
			System.out.printf("%,d-byte values, %d rounds of %,d operations%n", size, rounds, opsPerRound);
			for (int k = 0; k < 3; k++) {
				double[] sorted = nanos[k].clone();
				Arrays.sort(sorted);
				median[k] = sorted[rounds / 2];
				System.out.printf("%-10s median %7.1f ns CPU/op (%,.0f ops/s of CPU), p25 %7.1f, p75 %7.1f%n", names[k],
						median[k], 1e9 / median[k], sorted[rounds / 4], sorted[3 * rounds / 4]);
			}
			System.out.printf("foundation / jdk  = %.2f x (throughput)%n", median[1] / median[0]);
			System.out.printf("foundation / tink = %.2f x (throughput)%n", median[2] / median[0]);
		}
		finally {
			postgres.dropDatabase(database);
		}
	}

	private static void op(Op op, int size) throws GeneralSecurityException {
		if (op.run().length != size) {
			throw new IllegalStateException("Round trip changed the value's length");
		}
	}

	@FunctionalInterface
	private interface Op {

		byte[] run() throws GeneralSecurityException;

	}

}
