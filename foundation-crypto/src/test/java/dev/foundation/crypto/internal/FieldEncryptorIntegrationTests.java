package dev.foundation.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import dev.foundation.crypto.DecryptionFailedException;
import dev.foundation.crypto.EncryptionContext;
import dev.foundation.crypto.FieldEncryptor;
import dev.foundation.crypto.KeyDestroyedException;
import dev.foundation.crypto.MalformedCiphertextException;
import dev.foundation.crypto.UnknownKeyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link EnvelopeFieldEncryptor} over real PostgreSQL-backed data keys: round trips,
 * randomization, every kind of tampering, misplaced ciphertexts, nonce uniqueness and
 * concurrency.
 */
class FieldEncryptorIntegrationTests {

	private static DataSource dataSource;

	private static EnvelopeDataKeys keys;

	private static FieldEncryptor encryptor;

	private static ExecutorService executor;

	private final UUID tenant = UUID.randomUUID();

	private final EncryptionContext email = EncryptionContext.of(this.tenant, "contacts", "email");

	@BeforeAll
	static void setUp() {
		dataSource = CryptoTestDatabase.migrated("crypto_encryptor");
		keys = CryptoTestDatabase.dataKeys(dataSource,
				CryptoTestDatabase.keyring("m1", Map.of("m1", CryptoTestDatabase.randomKey())));
		encryptor = new EnvelopeFieldEncryptor(keys);
		executor = Executors.newFixedThreadPool(8);
	}

	@AfterAll
	static void tearDown() {
		executor.shutdownNow();
	}

	@Test
	void roundTripsEmptyValue() {
		assertThat(encryptor.decrypt(encryptor.encrypt(new byte[0], this.email), this.email)).isEmpty();
		assertThat(encryptor.decryptString(encryptor.encryptToString("", this.email), this.email)).isEmpty();
	}

	@Test
	void roundTripsOneByteValue() {
		byte[] ciphertext = encryptor.encrypt(new byte[] { 42 }, this.email);
		assertThat(ciphertext).hasSize(1 + 33);
		assertThat(encryptor.decrypt(ciphertext, this.email)).containsExactly(42);
	}

	@Test
	void roundTripsMultiMegabyteValue() {
		byte[] plaintext = new byte[3 * 1024 * 1024 + 7];
		ThreadLocalRandom.current().nextBytes(plaintext);
		assertThat(encryptor.decrypt(encryptor.encrypt(plaintext, this.email), this.email)).isEqualTo(plaintext);
	}

	@Test
	void roundTripsNonAsciiText() {
		String text = "Zoë Ødegård – 山田太郎 👩‍💻 \u0000 end";
		String ciphertext = encryptor.encryptToString(text, this.email);
		assertThat(ciphertext).startsWith("fe1.");
		// Not the plaintext's bytes anywhere in the payload (two random base64 characters
		// may well read "Zo": the check is on the decoded bytes, 24 of them in a row).
		byte[] payload = java.util.Base64.getUrlDecoder().decode(ciphertext.substring(4));
		byte[] name = "Zoë Ødegård – 山田".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(java.util.Collections.indexOfSubList(toList(payload), toList(name))).isEqualTo(-1);
		assertThat(encryptor.decryptString(ciphertext, this.email)).isEqualTo(text);
	}

	@Test
	void roundTripsSystemDataWithoutTenant() {
		EncryptionContext system = EncryptionContext.of(null, "settings", "smtp_password");
		assertThat(encryptor.decryptString(encryptor.encryptToString("s3cret", system), system)).isEqualTo("s3cret");
	}

	@Test
	void samePlaintextTwiceGivesDifferentCiphertexts() {
		byte[] first = encryptor.encrypt("ada@example.com".getBytes(StandardCharsets.UTF_8), this.email);
		byte[] second = encryptor.encrypt("ada@example.com".getBytes(StandardCharsets.UTF_8), this.email);
		assertThat(first).isNotEqualTo(second);
		assertThat(Arrays.copyOfRange(first, 5, 17)).isNotEqualTo(Arrays.copyOfRange(second, 5, 17));
	}

	@Test
	void tamperedNonceFailsToDecrypt() {
		assertTamperingFails(5);
		assertTamperingFails(16);
	}

	@Test
	void tamperedCiphertextFailsToDecrypt() {
		assertTamperingFails(17);
		assertTamperingFails(20);
	}

	@Test
	void tamperedTagFailsToDecrypt() {
		assertTamperingFails(-1);
		assertTamperingFails(-16);
	}

	@Test
	void truncatedCiphertextFailsToDecrypt() {
		byte[] ciphertext = encrypt("ada@example.com");
		for (int length : new int[] { 0, 1, 5, 17, 32, ciphertext.length - 1 }) {
			assertThatExceptionOfType(DecryptionFailedException.class)
				.isThrownBy(() -> encryptor.decrypt(Arrays.copyOf(ciphertext, length), this.email));
		}
		String text = encryptor.encryptToString("ada@example.com", this.email);
		assertThatExceptionOfType(DecryptionFailedException.class)
			.isThrownBy(() -> encryptor.decryptString(text.substring(0, text.length() - 3), this.email));
	}

	@Test
	void unknownVersionPrefixFailsToDecrypt() {
		byte[] ciphertext = encrypt("ada@example.com");
		ciphertext[0] = 0x02;
		assertThatExceptionOfType(MalformedCiphertextException.class)
			.isThrownBy(() -> encryptor.decrypt(ciphertext, this.email));
		String text = encryptor.encryptToString("ada@example.com", this.email);
		assertThatExceptionOfType(MalformedCiphertextException.class)
			.isThrownBy(() -> encryptor.decryptString("fe2." + text.substring(4), this.email));
		assertThatExceptionOfType(MalformedCiphertextException.class)
			.isThrownBy(() -> encryptor.decryptString("ada@example.com", this.email));
		assertThatExceptionOfType(MalformedCiphertextException.class)
			.isThrownBy(() -> encryptor.decryptString("fe1.not*base64", this.email));
	}

	@Test
	void unknownKeyIdFailsToDecrypt() {
		byte[] ciphertext = encrypt("ada@example.com");
		ciphertext[4] = 9;
		assertThatExceptionOfType(UnknownKeyException.class)
			.isThrownBy(() -> encryptor.decrypt(ciphertext, this.email));
	}

	@Test
	void keyIdChangedToAnotherLiveVersionFailsToDecrypt() {
		UUID rotating = UUID.randomUUID();
		EncryptionContext context = EncryptionContext.of(rotating, "contacts", "email");
		byte[] ciphertext = encryptor.encrypt(new byte[] { 1, 2, 3 }, context);
		keys.rotate(rotating);
		ciphertext[4] = 2;
		assertThatExceptionOfType(DecryptionFailedException.class)
			.isThrownBy(() -> encryptor.decrypt(ciphertext, context));
	}

	@Test
	void ciphertextMovedToAnotherTenantFailsToDecrypt() {
		byte[] ciphertext = encrypt("ada@example.com");
		EncryptionContext otherTenant = EncryptionContext.of(UUID.randomUUID(), "contacts", "email");
		encryptor.encrypt(new byte[1], otherTenant);
		assertThatExceptionOfType(DecryptionFailedException.class)
			.isThrownBy(() -> encryptor.decrypt(ciphertext, otherTenant));
		EncryptionContext system = EncryptionContext.of(null, "contacts", "email");
		assertThatExceptionOfType(DecryptionFailedException.class)
			.isThrownBy(() -> encryptor.decrypt(ciphertext, system));
	}

	@Test
	void ciphertextMovedToAnotherColumnOrTableFailsToDecrypt() {
		byte[] ciphertext = encrypt("ada@example.com");
		assertThatExceptionOfType(DecryptionFailedException.class)
			.isThrownBy(() -> encryptor.decrypt(ciphertext, EncryptionContext.of(this.tenant, "contacts", "phone")));
		assertThatExceptionOfType(DecryptionFailedException.class)
			.isThrownBy(() -> encryptor.decrypt(ciphertext, EncryptionContext.of(this.tenant, "leads", "email")));
	}

	@Test
	void failuresNameNeitherKeyIdNorCiphertext() {
		String text = encryptor.encryptToString("ada@example.com", this.email);
		String tampered = text.substring(0, text.length() - 2) + (text.endsWith("AA") ? "BB" : "AA");
		Throwable failure = org.assertj.core.api.Assertions
			.catchThrowable(() -> encryptor.decryptString(tampered, this.email));
		assertThat(failure).isInstanceOf(DecryptionFailedException.class);
		assertThat(failure.getMessage()).doesNotContain(tampered.substring(4, 20))
			.doesNotContain(this.tenant.toString())
			.doesNotContainIgnoringCase("version 1")
			.doesNotContain("m1");
		assertThat(failure.getCause()).isNull();
	}

	@Test
	void noNonceRepeatsOverOneMillionEncryptionsWithOneKey() {
		int count = 1_000_000;
		long[] prefixes = new long[count];
		byte[] plaintext = new byte[1];
		EncryptionContext context = EncryptionContext.of(UUID.randomUUID(), "t", "c");
		for (int i = 0; i < count; i++) {
			byte[] ciphertext = encryptor.encrypt(plaintext, context);
			assertThat(ciphertext[4]).isEqualTo((byte) 1);
			long prefix = 0;
			for (int b = 5; b < 13; b++) {
				prefix = (prefix << 8) | (ciphertext[b] & 0xFF);
			}
			prefixes[i] = prefix;
		}
		// Unique 64-bit prefixes imply unique 96-bit nonces.
		Arrays.sort(prefixes);
		for (int i = 1; i < count; i++) {
			assertThat(prefixes[i]).isNotEqualTo(prefixes[i - 1]);
		}
	}

	@Test
	void manyThreadsEncryptingAtOnceStayCorrect() throws Exception {
		UUID fresh = UUID.randomUUID();
		List<Callable<Boolean>> tasks = new ArrayList<>();
		for (int t = 0; t < 16; t++) {
			int thread = t;
			tasks.add(() -> {
				for (int i = 0; i < 2_000; i++) {
					EncryptionContext context = EncryptionContext.of((i % 2 == 0) ? fresh : this.tenant, "contacts",
							"email");
					String value = "thread-" + thread + "-value-" + i;
					if (!value.equals(encryptor.decryptString(encryptor.encryptToString(value, context), context))) {
						return false;
					}
				}
				return true;
			});
		}
		for (Future<Boolean> result : executor.invokeAll(tasks)) {
			assertThat(result.get()).isTrue();
		}
		// Racing first uses of a new tenant created exactly one data key.
		assertThat(JdbcClient.create(dataSource)
			.sql("select count(*) from foundation.crypto_data_keys where scope_id = ?")
			.param(fresh)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void dataKeysAreStoredOnlyWrapped() {
		encrypt("ada@example.com");
		Map<String, Object> row = JdbcClient.create(dataSource)
			.sql("select master_key_id, wrapped_key from foundation.crypto_data_keys where scope_id = ?")
			.param(this.tenant)
			.query()
			.singleRow();
		assertThat(row.get("master_key_id")).isEqualTo("m1");
		assertThat((byte[]) row.get("wrapped_key")).hasSize(12 + 32 + 16);
		assertThat(keys.toString()).doesNotContain(Base64.getEncoder().encodeToString((byte[]) row.get("wrapped_key")));
	}

	@Test
	void rotationKeepsOldValuesReadableAndEncryptsWithTheNewKey() {
		byte[] old = encrypt("before");
		assertThat(keys.rotate(this.tenant)).isEqualTo(2);
		byte[] fresh = encrypt("after");
		assertThat(old[4]).isEqualTo((byte) 1);
		assertThat(fresh[4]).isEqualTo((byte) 2);
		assertThat(new String(encryptor.decrypt(old, this.email), StandardCharsets.UTF_8)).isEqualTo("before");
		assertThat(new String(encryptor.decrypt(fresh, this.email), StandardCharsets.UTF_8)).isEqualTo("after");
	}

	@Test
	void shreddedTenantIsUnreadableWhileAnotherTenantIsUntouched() {
		UUID other = UUID.randomUUID();
		EncryptionContext otherEmail = EncryptionContext.of(other, "contacts", "email");
		byte[] mine = encrypt("ada@example.com");
		byte[] theirs = encryptor.encrypt("grace@example.com".getBytes(StandardCharsets.UTF_8), otherEmail);
		keys.shred(this.tenant);
		assertThat(keys.isShredded(this.tenant)).isTrue();
		assertThat(keys.isShredded(other)).isFalse();
		assertThatExceptionOfType(KeyDestroyedException.class).isThrownBy(() -> encryptor.decrypt(mine, this.email));
		assertThatExceptionOfType(KeyDestroyedException.class).isThrownBy(() -> encrypt("new value"));
		assertThatExceptionOfType(KeyDestroyedException.class).isThrownBy(() -> keys.rotate(this.tenant));
		assertThat(new String(encryptor.decrypt(theirs, otherEmail), StandardCharsets.UTF_8))
			.isEqualTo("grace@example.com");
		// Nothing of the key is left in the database, and a fresh instance (no cache)
		// cannot read it either.
		assertThat(JdbcClient.create(dataSource)
			.sql("select count(*) from foundation.crypto_data_keys where scope_id = ? and wrapped_key is not null")
			.param(this.tenant)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void shreddingATenantWithoutKeysKeepsItFromGettingOne() {
		UUID unused = UUID.randomUUID();
		keys.shred(unused);
		assertThatExceptionOfType(KeyDestroyedException.class)
			.isThrownBy(() -> encryptor.encrypt(new byte[1], EncryptionContext.of(unused, "contacts", "email")));
	}

	private byte[] encrypt(String value) {
		return encryptor.encrypt(value.getBytes(StandardCharsets.UTF_8), this.email);
	}

	private void assertTamperingFails(int position) {
		byte[] ciphertext = encrypt("ada@example.com");
		int index = (position < 0) ? ciphertext.length + position : position;
		ciphertext[index] ^= 0x01;
		assertThatExceptionOfType(DecryptionFailedException.class)
			.isThrownBy(() -> encryptor.decrypt(ciphertext, this.email));
		ciphertext[index] ^= 0x01;
		assertThatNoException().isThrownBy(() -> encryptor.decrypt(ciphertext, this.email));
	}

	private static java.util.List<Byte> toList(byte[] bytes) {
		java.util.List<Byte> list = new java.util.ArrayList<>(bytes.length);
		for (byte b : bytes) {
			list.add(b);
		}
		return list;
	}

}
