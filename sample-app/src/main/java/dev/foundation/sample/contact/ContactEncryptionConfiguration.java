package dev.foundation.sample.contact;

import java.util.List;

import dev.foundation.crypto.EmailNormalizer;
import dev.foundation.crypto.EncryptedTable;
import dev.foundation.crypto.EncryptedTable.EncryptedColumn;
import dev.foundation.crypto.PhoneNormalizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The contacts table as the re-encryption job walks it after a key rotation
 * ({@code POST /actuator/crypto/reencryption}, docs/crypto.md): the names are the ones
 * {@code @Encrypted} binds into the associated data.
 */
@Configuration(proxyBeanMethods = false)
class ContactEncryptionConfiguration {

	@Bean
	EncryptedTable contactsEncryptedTable() {
		return new EncryptedTable("contacts", "id", "tenant_id",
				List.of(EncryptedColumn.indexed("email", "email_index", new EmailNormalizer()),
						EncryptedColumn.indexed("phone", "phone_index", new PhoneNormalizer())));
	}

}
