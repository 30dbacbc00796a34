package dev.foundation.audit.autoconfigure;

import java.time.Clock;
import java.util.Objects;

import javax.sql.DataSource;

import dev.foundation.audit.AuditCheckpoints;
import dev.foundation.audit.AuditLog;
import dev.foundation.audit.AuditRetention;
import dev.foundation.audit.AuditTenantScope;
import dev.foundation.audit.internal.CheckpointKey;
import dev.foundation.audit.internal.JdbcAuditCheckpoints;
import dev.foundation.audit.internal.PartitionRetention;
import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.core.persistence.autoconfigure.FoundationSchemaProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed checkpoints and retention, when a checkpoint key is configured.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("foundation.audit.checkpoints.private-key")
class AuditCheckpointConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CheckpointKey auditCheckpointKey(AuditProperties properties) {
		// Present: this configuration is conditional on the property.
		String privateKey = Objects.requireNonNull(properties.getCheckpoints().getPrivateKey());
		String publicKey = properties.getCheckpoints().getPublicKey();
		if (publicKey == null || publicKey.isBlank()) {
			throw new InvalidFoundationPropertyException("foundation.audit.checkpoints.public-key",
					"missing while foundation.audit.checkpoints.private-key is set",
					"Set it to the X.509 PEM public key of the checkpoint private key");
		}
		try {
			return new CheckpointKey(privateKey, publicKey);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFoundationPropertyException("foundation.audit.checkpoints.private-key",
					String.valueOf(ex.getMessage()),
					"Generate a pair with: openssl genpkey -algorithm ed25519 -out key.pem && "
							+ "openssl pkey -in key.pem -pubout -out pub.pem");
		}
	}

	@Bean
	@ConditionalOnMissingBean
	AuditCheckpoints auditCheckpoints(AuditTenantScope scope, DataSource dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManagers, FoundationSchemaProperties schema,
			CheckpointKey key) {
		PlatformTransactionManager manager = transactionManagers
			.getIfUnique(() -> new JdbcTransactionManager(dataSource));
		TransactionTemplate template = new TransactionTemplate(manager);
		template.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
		return new JdbcAuditCheckpoints(scope, template, dataSource, schema.getName(), key, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(FoundationSchemaMigration.class)
	AuditRetention auditRetention(FoundationSchemaMigration migration, CheckpointKey key, AuditLog log) {
		return new PartitionRetention(migration.getDataSource(), migration.getSchema(), key, log, Clock.systemUTC());
	}

}
