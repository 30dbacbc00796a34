package dev.foundation.benchmarks;

import java.lang.reflect.Method;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.zaxxer.hikari.HikariDataSource;
import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.crypto.EncryptionContext;
import dev.foundation.crypto.FieldEncryptor;
import dev.foundation.crypto.internal.EnvelopeDataKeys;
import dev.foundation.crypto.internal.EnvelopeFieldEncryptor;
import dev.foundation.crypto.internal.LocalMasterKeyring;
import dev.foundation.test.TestPostgres;

/**
 * What the per-thread state of field encryption (the {@code Cipher} and the nonce stream
 * each thread keeps) costs when every encryption runs on a thread of its own, as with a
 * virtual thread per task: each of {@value #OPS_PER_ROUND} operations per round starts a
 * virtual thread (JDK 21 or later; platform threads on older JDKs) that encrypts one
 * 64-byte value and is joined. Compared in alternating rounds: the same threads doing
 * nothing (the cost of the thread itself), the foundation's encrypt, and the raw JDK
 * {@code Cipher} as a caller without per-thread state writes it (a new {@code Cipher} and
 * a nonce from a shared {@code SecureRandom} per value); and, for reference, the
 * foundation's encrypt on one long-lived thread. Prints the median wall-clock time per
 * operation. Not a JMH benchmark: run it with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.foundation.benchmarks.NewThreadEncryptionCost [rounds]}.
 */
public final class NewThreadEncryptionCost {

	private static final int OPS_PER_ROUND = 5_000;

	private NewThreadEncryptionCost() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 30;
		SecureRandom random = new SecureRandom();
		byte[] plaintext = new byte[64];
		random.nextBytes(plaintext);
		EncryptionContext context = EncryptionContext.of(UUID.randomUUID(), "contacts", "email");
		byte[] associatedData = context.encoded();
		Method startVirtualThread = virtualThreads();
		System.out.println((startVirtualThread != null) ? "virtual threads (" + Runtime.version() + ")"
				: "platform threads: this JDK has no virtual threads (" + Runtime.version() + ")");
		TestPostgres postgres = TestPostgres.shared();
		String database = postgres.createDatabase("crypto_threads");
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
			foundation.encrypt(plaintext, context);
			byte[] jdk = new byte[32];
			random.nextBytes(jdk);
			SecretKeySpec jdkKey = new SecretKeySpec(jdk, "AES");
			Runnable[] work = { () -> {
			}, () -> foundation.encrypt(plaintext, context), () -> {
				try {
					byte[] nonce = new byte[12];
					random.nextBytes(nonce);
					Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
					cipher.init(Cipher.ENCRYPT_MODE, jdkKey, new GCMParameterSpec(128, nonce));
					cipher.updateAAD(associatedData);
					cipher.doFinal(plaintext);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			} };
			String[] names = { "new thread, nothing", "new thread, foundation encrypt", "new thread, JDK new Cipher",
					"one thread, foundation encrypt" };
			for (int i = 0; i < 20; i++) {
				for (int k = 0; k < 4; k++) {
					measure(k, work, foundation, plaintext, context, startVirtualThread);
				}
			}
			double[][] nanos = new double[4][rounds];
			for (int round = 0; round < rounds; round++) {
				for (int k = 0; k < 4; k++) {
					int which = (round + k) % 4;
					nanos[which][round] = measure(which, work, foundation, plaintext, context, startVirtualThread);
				}
			}
			double[] median = new double[4];
			for (int k = 0; k < 4; k++) {
				double[] sorted = nanos[k].clone();
				Arrays.sort(sorted);
				median[k] = sorted[rounds / 2];
				System.out.printf("%-32s median %8.0f ns/op, p25 %8.0f, p75 %8.0f%n", names[k], median[k],
						sorted[rounds / 4], sorted[3 * rounds / 4]);
			}
			System.out.printf(
					"per new thread: foundation encrypt %+.0f ns, JDK new Cipher %+.0f ns "
							+ "(over the thread alone); on one thread: %.0f ns%n",
					median[1] - median[0], median[2] - median[0], median[3]);
		}
		finally {
			postgres.dropDatabase(database);
		}
	}

	private static double measure(int which, Runnable[] work, FieldEncryptor foundation, byte[] plaintext,
			EncryptionContext context, Method startVirtualThread) throws Exception {
		long start = System.nanoTime();
		if (which == 3) {
			for (int i = 0; i < OPS_PER_ROUND; i++) {
				foundation.encrypt(plaintext, context);
			}
		}
		else {
			for (int i = 0; i < OPS_PER_ROUND; i++) {
				Thread thread;
				if (startVirtualThread != null) {
					thread = (Thread) startVirtualThread.invoke(null, work[which]);
				}
				else {
					thread = new Thread(work[which]);
					thread.start();
				}
				thread.join();
			}
		}
		return (System.nanoTime() - start) / (double) OPS_PER_ROUND;
	}

	private static Method virtualThreads() {
		try {
			return Thread.class.getMethod("startVirtualThread", Runnable.class);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

}
