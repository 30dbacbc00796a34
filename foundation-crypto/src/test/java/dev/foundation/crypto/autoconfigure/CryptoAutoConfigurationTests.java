package dev.foundation.crypto.autoconfigure;

import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.crypto.BlindIndexer;
import dev.foundation.crypto.DataKeys;
import dev.foundation.crypto.EncryptedTable;
import dev.foundation.crypto.EncryptedTable.EncryptedColumn;
import dev.foundation.crypto.EncryptionContext;
import dev.foundation.crypto.FieldEncryptor;
import dev.foundation.crypto.MasterKeyring;
import dev.foundation.crypto.internal.CryptoEndpoint;
import dev.foundation.crypto.internal.ReEncryptionMetrics;
import dev.foundation.crypto.internal.ReEncryptionRuns;
import dev.foundation.crypto.internal.TenantShredding;
import dev.foundation.crypto.jpa.BlindIndexMappings;
import dev.foundation.tenancy.TenantListener;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CryptoAutoConfiguration}: when it applies, how it validates master keys (startup
 * failure naming the property, never quoting a key), and backing off.
 */
class CryptoAutoConfigurationTests {

	private static final String KEY = key(32);

	private static final EncryptedTable PEOPLE = new EncryptedTable("people", "id", "tenant_id",
			List.of(EncryptedColumn.text("email")));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CryptoAutoConfiguration.class))
		.withBean(DataSource.class, SimpleDriverDataSource::new);

	@Test
	void withoutMasterKeysConfiguresNothing() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(FieldEncryptor.class)
			.doesNotHaveBean(MasterKeyring.class));
	}

	@Test
	void withOneMasterKeyConfiguresEncryptionAndMakesItActive() {
		this.runner
			.withPropertyValues("foundation.crypto.master-keys[0].id=k1", "foundation.crypto.master-keys[0].key=" + KEY)
			.run((context) -> {
				assertThat(context).hasSingleBean(FieldEncryptor.class)
					.hasSingleBean(DataKeys.class)
					.hasSingleBean(BlindIndexer.class)
					.hasSingleBean(BlindIndexMappings.class);
				assertThat(context.getBean(MasterKeyring.class).activeKeyId()).isEqualTo("k1");
				assertThat(context.getBean(MasterKeyring.class).toString()).doesNotContain(KEY);
			});
	}

	@Test
	void activeMasterKeyPicksOneOfSeveral() {
		this.runner
			.withPropertyValues("foundation.crypto.master-keys[0].id=old",
					"foundation.crypto.master-keys[0].key=" + KEY, "foundation.crypto.master-keys[1].id=new",
					"foundation.crypto.master-keys[1].key=" + key(32), "foundation.crypto.active-master-key=new")
			.run((context) -> assertThat(context.getBean(MasterKeyring.class).keyIds()).containsExactly("old", "new"));
	}

	@Test
	void keyOfTheWrongLengthFailsNamingTheProperty() {
		String shortKey = key(16);
		assertFailure(
				List.of("foundation.crypto.master-keys[0].id=k1", "foundation.crypto.master-keys[0].key=" + shortKey),
				"foundation.crypto.master-keys[0].key", "16 bytes", shortKey);
	}

	@Test
	void malformedBase64FailsNamingTheProperty() {
		assertFailure(
				List.of("foundation.crypto.master-keys[0].id=k1", "foundation.crypto.master-keys[0].key=not*base64!"),
				"foundation.crypto.master-keys[0].key", "not valid base64", "not*base64!");
	}

	@Test
	void duplicateIdsFailNamingTheProperty() {
		assertFailure(
				List.of("foundation.crypto.master-keys[0].id=k1", "foundation.crypto.master-keys[0].key=" + KEY,
						"foundation.crypto.master-keys[1].id=k1", "foundation.crypto.master-keys[1].key=" + key(32),
						"foundation.crypto.active-master-key=k1"),
				"foundation.crypto.master-keys[1].id", "more than one", KEY);
	}

	@Test
	void noActiveKeyAmongSeveralFailsNamingTheProperty() {
		assertFailure(
				List.of("foundation.crypto.master-keys[0].id=a", "foundation.crypto.master-keys[0].key=" + KEY,
						"foundation.crypto.master-keys[1].id=b", "foundation.crypto.master-keys[1].key=" + key(32)),
				"foundation.crypto.active-master-key", "not set", KEY);
	}

	@Test
	void activeKeyThatIsNotConfiguredFailsNamingTheProperty() {
		assertFailure(
				List.of("foundation.crypto.master-keys[0].id=a", "foundation.crypto.master-keys[0].key=" + KEY,
						"foundation.crypto.active-master-key=b"),
				"foundation.crypto.active-master-key", "names no configured", KEY);
	}

	@Test
	void activeKeyWithoutAnyKeyFailsNamingTheProperty() {
		assertFailure(List.of("foundation.crypto.active-master-key=b"), "foundation.crypto.master-keys",
				"no master key", "b'");
	}

	@Test
	void missingIdFailsNamingTheProperty() {
		assertFailure(List.of("foundation.crypto.master-keys[0].key=" + KEY), "foundation.crypto.master-keys[0].id",
				"id is missing", KEY);
	}

	@Test
	void readsMasterKeysFromAPkcs12Keystore(@TempDir Path directory) throws Exception {
		Path keystore = keystore(directory, "s3cret", "2026-01", 32);
		this.runner
			.withPropertyValues("foundation.crypto.keystore.location=file:" + keystore,
					"foundation.crypto.keystore.password=s3cret")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MasterKeyring.class).keyIds()).containsExactly("2026-01");
				assertThat(context.getBean(MasterKeyring.class).activeKeyId()).isEqualTo("2026-01");
			});
	}

	@Test
	void keystoreWithTheWrongPasswordFailsNamingTheProperty(@TempDir Path directory) throws Exception {
		Path keystore = keystore(directory, "s3cret", "2026-01", 32);
		assertFailure(
				List.of("foundation.crypto.keystore.location=file:" + keystore,
						"foundation.crypto.keystore.password=wrong"),
				"foundation.crypto.keystore.password", "could not be read", "s3cret");
	}

	@Test
	void missingKeystoreFailsNamingTheProperty(@TempDir Path directory) {
		assertFailure(List.of("foundation.crypto.keystore.location=file:" + directory.resolve("absent.p12")),
				"foundation.crypto.keystore.location", "no keystore exists", KEY);
	}

	@Test
	void keystoreEntryOfTheWrongLengthFailsNamingTheProperty(@TempDir Path directory) throws Exception {
		Path keystore = keystore(directory, "s3cret", "short", 16);
		assertFailure(
				List.of("foundation.crypto.keystore.location=file:" + keystore,
						"foundation.crypto.keystore.password=s3cret"),
				"foundation.crypto.keystore.location", "not a 256-bit secret key", KEY);
	}

	@Test
	void cryptoEndpointOnlyWhenExposed() {
		this.runner
			.withPropertyValues("foundation.crypto.master-keys[0].id=k1", "foundation.crypto.master-keys[0].key=" + KEY)
			.run((context) -> assertThat(context).doesNotHaveBean(CryptoEndpoint.class));
		this.runner
			.withPropertyValues("foundation.crypto.master-keys[0].id=k1", "foundation.crypto.master-keys[0].key=" + KEY,
					"management.endpoints.web.exposure.include=crypto")
			.run((context) -> assertThat(context).hasSingleBean(CryptoEndpoint.class));
	}

	@Test
	void erasedTenantsAreShreddedWhenTenancyIsPresent() {
		this.runner
			.withPropertyValues("foundation.crypto.master-keys[0].id=k1", "foundation.crypto.master-keys[0].key=" + KEY)
			.run((context) -> assertThat(context).hasSingleBean(TenantShredding.class));
		this.runner.withClassLoader(new FilteredClassLoader(TenantListener.class))
			.withPropertyValues("foundation.crypto.master-keys[0].id=k1", "foundation.crypto.master-keys[0].key=" + KEY)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TenantShredding.class));
	}

	@Test
	void reEncryptionRunsOverTheDeclaredTablesWithMeters() {
		this.runner
			.withPropertyValues("foundation.crypto.master-keys[0].id=k1", "foundation.crypto.master-keys[0].key=" + KEY)
			.run((context) -> assertThat(context).doesNotHaveBean(ReEncryptionRuns.class)
				.doesNotHaveBean(ReEncryptionMetrics.class));
		this.runner.withBean(EncryptedTable.class, () -> PEOPLE)
			.withPropertyValues("foundation.crypto.master-keys[0].id=k1", "foundation.crypto.master-keys[0].key=" + KEY,
					"management.endpoints.web.exposure.include=crypto")
			.run((context) -> {
				assertThat(context).hasSingleBean(ReEncryptionRuns.class).hasSingleBean(ReEncryptionMetrics.class);
				assertThat(context.getBean(CryptoEndpoint.class)).extracting("reEncryption")
					.isSameAs(context.getBean(ReEncryptionRuns.class));
			});
		this.runner.withBean(EncryptedTable.class, () -> PEOPLE)
			.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.withPropertyValues("foundation.crypto.master-keys[0].id=k1", "foundation.crypto.master-keys[0].key=" + KEY)
			.run((context) -> assertThat(context).hasSingleBean(ReEncryptionRuns.class)
				.doesNotHaveBean(ReEncryptionMetrics.class));
	}

	@Test
	void reEncryptionBatchSizeBelowOneFailsNamingTheProperty() {
		this.runner.withBean(EncryptedTable.class, () -> PEOPLE)
			.withPropertyValues("foundation.crypto.master-keys[0].id=k1", "foundation.crypto.master-keys[0].key=" + KEY,
					"foundation.crypto.reencryption.batch-size=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidFoundationPropertyException.class)
				.hasMessageContaining("foundation.crypto.reencryption.batch-size"));
	}

	@Test
	void disabledSwitchConfiguresNothing() {
		this.runner
			.withPropertyValues("foundation.crypto.enabled=false", "foundation.crypto.master-keys[0].id=k1",
					"foundation.crypto.master-keys[0].key=" + KEY)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FieldEncryptor.class));
	}

	@Test
	void withoutHibernateConfiguresNoJpaGlue() {
		this.runner.withClassLoader(new FilteredClassLoader(SessionFactory.class))
			.withPropertyValues("foundation.crypto.master-keys[0].id=k1", "foundation.crypto.master-keys[0].key=" + KEY)
			.run((context) -> assertThat(context).hasSingleBean(FieldEncryptor.class)
				.doesNotHaveBean(BlindIndexMappings.class));
	}

	@Test
	void backsOffToTheApplicationsEncryptor() {
		FieldEncryptor own = new FieldEncryptor() {
			@Override
			public byte[] encrypt(byte[] plaintext, EncryptionContext context) {
				return plaintext;
			}

			@Override
			public byte[] decrypt(byte[] ciphertext, EncryptionContext context) {
				return ciphertext;
			}

			@Override
			public String encryptToString(String plaintext, EncryptionContext context) {
				return plaintext;
			}

			@Override
			public String decryptString(String ciphertext, EncryptionContext context) {
				return ciphertext;
			}
		};
		this.runner.withBean(FieldEncryptor.class, () -> own)
			.withPropertyValues("foundation.crypto.master-keys[0].id=k1", "foundation.crypto.master-keys[0].key=" + KEY)
			.run((context) -> assertThat(context.getBean(FieldEncryptor.class)).isSameAs(own));
	}

	private void assertFailure(List<String> properties, String property, String reason, String secret) {
		this.runner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).rootCause()
				.isInstanceOf(InvalidFoundationPropertyException.class)
				.hasMessageContaining(property)
				.hasMessageContaining(reason);
			FailureAnalysis analysis = analyze(failure);
			assertThat(analysis.getDescription()).contains(property).doesNotContain(secret);
			assertThat(analysis.getAction()).contains(property).doesNotContain(secret);
		});
	}

	private static FailureAnalysis analyze(Throwable failure) {
		// The analyzer core registers in spring.factories for
		// InvalidFoundationPropertyException.
		try {
			Constructor<?> constructor = Class
				.forName("dev.foundation.core.config.InvalidFoundationPropertyFailureAnalyzer")
				.getDeclaredConstructor();
			constructor.setAccessible(true);
			FailureAnalysis analysis = ((FailureAnalyzer) constructor.newInstance()).analyze(failure);
			assertThat(analysis).isNotNull();
			return analysis;
		}
		catch (ReflectiveOperationException ex) {
			throw new AssertionError(ex);
		}
	}

	private static Path keystore(Path directory, String password, String alias, int length) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		byte[] bytes = new byte[length];
		new SecureRandom().nextBytes(bytes);
		store.setEntry(alias, new KeyStore.SecretKeyEntry(new SecretKeySpec(bytes, "AES")),
				new KeyStore.PasswordProtection(password.toCharArray()));
		Path file = directory.resolve("master-keys.p12");
		try (OutputStream out = Files.newOutputStream(file)) {
			store.store(out, password.toCharArray());
		}
		return file;
	}

	private static String key(int length) {
		byte[] bytes = new byte[length];
		new SecureRandom().nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}
