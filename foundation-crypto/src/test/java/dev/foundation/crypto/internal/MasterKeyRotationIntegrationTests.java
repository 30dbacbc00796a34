package dev.foundation.crypto.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.foundation.crypto.EncryptionContext;
import dev.foundation.crypto.FieldEncryptor;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Re-wrapping every data key under a new master key: one call, no PII row touched, and
 * the old master key can go.
 */
class MasterKeyRotationIntegrationTests {

	@Test
	void rewrapAllMovesEveryDataKeyToTheNewMasterKeyWithoutTouchingValues() {
		DataSource dataSource = CryptoTestDatabase.migrated("crypto_rewrap");
		byte[] oldKey = CryptoTestDatabase.randomKey();
		byte[] newKey = CryptoTestDatabase.randomKey();
		EnvelopeDataKeys before = CryptoTestDatabase.dataKeys(dataSource,
				CryptoTestDatabase.keyring("2025", Map.of("2025", oldKey)));
		FieldEncryptor encryptor = new EnvelopeFieldEncryptor(before);
		Map<EncryptionContext, String> values = new LinkedHashMap<>();
		for (int i = 0; i < 250; i++) {
			EncryptionContext context = EncryptionContext.of((i == 0) ? null : UUID.randomUUID(), "contacts", "email");
			values.put(context, encryptor.encryptToString("person" + i + "@example.com", context));
		}

		Map<String, byte[]> both = new LinkedHashMap<>();
		both.put("2025", oldKey.clone());
		both.put("2026", newKey.clone());
		EnvelopeDataKeys during = CryptoTestDatabase.dataKeys(dataSource, CryptoTestDatabase.keyring("2026", both));
		CryptoEndpoint endpoint = new CryptoEndpoint(during);
		assertThat(endpoint.status()).containsEntry("dataKeysByMasterKey", Map.of("2025", 250))
			.containsEntry("activeMasterKey", "2026");
		assertThat(endpoint.rewrapAll()).containsEntry("rewrapped", 250);
		assertThat(during.rewrapAll()).isZero();
		assertThat(endpoint.status()).containsEntry("dataKeysByMasterKey", Map.of("2026", 250))
			.doesNotContainKey("2025")
			.asString()
			.doesNotContain(java.util.Base64.getEncoder().encodeToString(newKey));
		assertThat(JdbcClient.create(dataSource)
			.sql("select count(*) from foundation.crypto_data_keys where master_key_id <> '2026'")
			.query(Integer.class)
			.single()).isZero();

		// The old master key is gone; every value still decrypts.
		FieldEncryptor after = new EnvelopeFieldEncryptor(
				CryptoTestDatabase.dataKeys(dataSource, CryptoTestDatabase.keyring("2026", Map.of("2026", newKey))));
		int i = 0;
		for (Map.Entry<EncryptionContext, String> value : values.entrySet()) {
			assertThat(after.decryptString(value.getValue(), value.getKey()))
				.isEqualTo("person" + i++ + "@example.com");
		}
	}

}
