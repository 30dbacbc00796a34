package dev.foundation.audit.autoconfigure;

import java.time.Clock;
import java.util.Objects;

import javax.sql.DataSource;

import dev.foundation.audit.AuditCheckpoints;
import dev.foundation.audit.AuditLog;
import dev.foundation.audit.AuditRetention;
import dev.foundation.audit.AuditTenantScope;
import dev.foundation.audit.internal.CheckpointKey;
import dev.foundation.audit.internal.CheckpointSignatures;
import dev.foundation.audit.internal.JdbcAuditCheckpoints;
import dev.foundation.audit.internal.PartitionRetention;
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
 * Checkpoint keys: the trusted keys the verifier checks retention checkpoints with
 * (always; empty when none is configured), and signed checkpoints and retention when the
 * active signing key is configured.
 */
@Configuration(proxyBeanMethods = false)
class AuditCheckpointConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CheckpointSignatures auditCheckpointSignatures(AuditProperties properties) {
		return CheckpointKeysFromProperties.trusted(properties.getCheckpoints());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("foundation.audit.checkpoints.private-key")
	static class Signing {

		@Bean
		@ConditionalOnMissingBean
		CheckpointKey auditCheckpointKey(AuditProperties properties) {
			AuditProperties.Checkpoints checkpoints = properties.getCheckpoints();
			// Present: this configuration is conditional on the property.
			return CheckpointKeysFromProperties.signing(checkpoints,
					Objects.requireNonNull(checkpoints.getPrivateKey()));
		}

		@Bean
		@ConditionalOnMissingBean
		AuditCheckpoints auditCheckpoints(AuditTenantScope scope, DataSource dataSource,
				ObjectProvider<PlatformTransactionManager> transactionManagers, FoundationSchemaProperties schema,
				CheckpointKey key, CheckpointSignatures trusted) {
			PlatformTransactionManager manager = transactionManagers
				.getIfUnique(() -> new JdbcTransactionManager(dataSource));
			TransactionTemplate template = new TransactionTemplate(manager);
			template.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
			return new JdbcAuditCheckpoints(scope, template, dataSource, schema.getName(), key, trusted,
					Clock.systemUTC());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(FoundationSchemaMigration.class)
		AuditRetention auditRetention(FoundationSchemaMigration migration, CheckpointKey key, AuditLog log) {
			return new PartitionRetention(migration.getDataSource(), migration.getSchema(), key, log,
					Clock.systemUTC());
		}

	}

}
