package dev.foundation.benchmarks;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.zaxxer.hikari.HikariDataSource;
import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.crypto.BlindIndexer;
import dev.foundation.crypto.EncryptionContext;
import dev.foundation.crypto.FieldEncryptor;
import dev.foundation.crypto.internal.EnvelopeDataKeys;
import dev.foundation.crypto.internal.EnvelopeFieldEncryptor;
import dev.foundation.crypto.internal.HmacBlindIndexer;
import dev.foundation.crypto.internal.LocalMasterKeyring;
import dev.foundation.test.TestPostgres;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encrypt + decrypt of one value with AES-256-GCM and associated data, three ways in the
 * same run: the foundation's {@link FieldEncryptor} (per-tenant data key from the cache,
 * versioned format, context encoding), the raw JDK {@code Cipher} as a careful caller
 * would use it (cached cipher per thread, random nonce, no format), and Google Tink's
 * {@code Aead} (AES256_GCM keyset). Plus the foundation's encrypt alone and a blind-index
 * computation. The data keys live in PostgreSQL ({@code FOUNDATION_TEST_POSTGRES_URL});
 * after the first call every benchmark runs from the in-memory cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class FieldEncryptionBenchmark {

	@Param({ "64", "1048576" })
	int size;

	private byte[] plaintext;

	private final EncryptionContext context = EncryptionContext.of(UUID.randomUUID(), "contacts", "email");

	private byte[] associatedData;

	private String database;

	private HikariDataSource dataSource;

	private FieldEncryptor foundation;

	private BlindIndexer indexer;

	private SecretKeySpec jdkKey;

	private final ThreadLocal<Cipher> jdkCipher = ThreadLocal.withInitial(FieldEncryptionBenchmark::newCipher);

	private final SecureRandom random = new SecureRandom();

	private Aead tink;

	@Setup(Level.Trial)
	public void setUp() throws GeneralSecurityException {
		this.plaintext = new byte[this.size];
		new SecureRandom().nextBytes(this.plaintext);
		this.associatedData = this.context.encoded();
		TestPostgres postgres = TestPostgres.shared();
		this.database = postgres.createDatabase("crypto_bench");
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl(postgres.jdbcUrl(this.database));
		this.dataSource.setUsername(postgres.username());
		this.dataSource.setPassword(postgres.password());
		this.dataSource.setMaximumPoolSize(2);
		migrate(this.dataSource);
		byte[] master = new byte[32];
		this.random.nextBytes(master);
		EnvelopeDataKeys keys = new EnvelopeDataKeys(this.dataSource, "foundation",
				new LocalMasterKeyring(Map.of("bench", master), "bench"), 1000, Duration.ofHours(1));
		this.foundation = new EnvelopeFieldEncryptor(keys);
		this.indexer = new HmacBlindIndexer(keys, 16);
		byte[] jdk = new byte[32];
		this.random.nextBytes(jdk);
		this.jdkKey = new SecretKeySpec(jdk, "AES");
		AeadConfig.register();
		this.tink = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
			.getPrimitive(RegistryConfiguration.get(), Aead.class);
		// Creates and caches the tenant's data key.
		this.foundation.decrypt(this.foundation.encrypt(this.plaintext, this.context), this.context);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.dataSource.close();
		TestPostgres.shared().dropDatabase(this.database);
	}

	@Benchmark
	public byte[] foundationEncryptDecrypt() {
		return this.foundation.decrypt(this.foundation.encrypt(this.plaintext, this.context), this.context);
	}

	@Benchmark
	public byte[] jdkCipherEncryptDecrypt() throws GeneralSecurityException {
		Cipher cipher = this.jdkCipher.get();
		byte[] nonce = new byte[12];
		this.random.nextBytes(nonce);
		cipher.init(Cipher.ENCRYPT_MODE, this.jdkKey, new GCMParameterSpec(128, nonce));
		cipher.updateAAD(this.associatedData);
		byte[] ciphertext = cipher.doFinal(this.plaintext);
		cipher.init(Cipher.DECRYPT_MODE, this.jdkKey, new GCMParameterSpec(128, nonce));
		cipher.updateAAD(this.associatedData);
		return cipher.doFinal(ciphertext);
	}

	@Benchmark
	public byte[] tinkEncryptDecrypt() throws GeneralSecurityException {
		return this.tink.decrypt(this.tink.encrypt(this.plaintext, this.associatedData), this.associatedData);
	}

	@Benchmark
	public byte[] foundationEncrypt() {
		return this.foundation.encrypt(this.plaintext, this.context);
	}

	@Benchmark
	public String foundationBlindIndex() {
		return this.indexer.index("ada.lovelace@example.com", this.context);
	}

	private static void migrate(DataSource dataSource) {
		new FoundationSchemaMigration(dataSource, "foundation", "foundation_schema_history", "classpath:db/foundation")
			.afterPropertiesSet();
	}

	private static Cipher newCipher() {
		try {
			return Cipher.getInstance("AES/GCM/NoPadding");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
