package dev.foundation.audit.autoconfigure;

import dev.foundation.audit.AuditDetailProtector;
import dev.foundation.crypto.EncryptionContext;
import dev.foundation.crypto.FieldEncryptor;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Personal details of audit events encrypted under the event's tenant key when the crypto
 * module is configured. Imported before the redacting default, which then backs off. The
 * associated data names the audit table and the detail's key, so a ciphertext copied into
 * another event's detail, or another tenant's event, does not decrypt; the hash covers
 * the ciphertext, so shredding the tenant's keys leaves a chain that still verifies.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(FieldEncryptor.class)
@ConditionalOnBean(FieldEncryptor.class)
class AuditEncryptionConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AuditDetailProtector encryptingAuditDetailProtector(FieldEncryptor encryptor) {
		return (tenantId, column, value) -> encryptor.encryptToString(value,
				EncryptionContext.of(tenantId, AuditDetailProtector.TABLE, column));
	}

}
