package dev.foundation.audit.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import dev.foundation.audit.AuditChainVerifier;
import dev.foundation.audit.AuditDetailProtector;
import dev.foundation.audit.AuditEventQuery;
import dev.foundation.audit.AuditLog;
import dev.foundation.audit.AuditTenantScope;
import dev.foundation.audit.RedactingDetailProtector;
import dev.foundation.audit.internal.ApiKeyAuditListener;
import dev.foundation.audit.internal.AuditSchemaPreparation;
import dev.foundation.audit.internal.AuditWriterMetrics;
import dev.foundation.audit.internal.AuditedMethodInterceptor;
import dev.foundation.audit.internal.BatchingAuditWriter;
import dev.foundation.audit.internal.ChainAppender;
import dev.foundation.audit.internal.CheckpointSignatures;
import dev.foundation.audit.internal.ChainTransactions;
import dev.foundation.audit.internal.DefaultAuditLog;
import dev.foundation.audit.internal.JdbcAuditChainVerifier;
import dev.foundation.audit.internal.JdbcAuditEventQuery;
import dev.foundation.audit.internal.PartitionMaintenance;
import dev.foundation.audit.internal.TransactionalAuditWriter;
import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.core.persistence.autoconfigure.FoundationSchemaAutoConfiguration;
import dev.foundation.core.persistence.autoconfigure.FoundationSchemaProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log: writers, verifier, query, the {@code @Audited} advice and the schema
 * preparation at startup. Needs a {@link DataSource}; {@code foundation.audit.enabled}
 * switches it off. Tenancy glue (binding the tenant for row-level security, tenant and
 * membership events, the HTTP endpoints) is imported when {@code foundation-tenancy} is
 * on the class path; personal details are encrypted under the tenant's key when
 * {@code foundation-crypto} provides a {@code FieldEncryptor}, redacted otherwise.
 */
@AutoConfiguration(after = FoundationSchemaAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
				"dev.foundation.tenancy.autoconfigure.TenantIsolationAutoConfiguration",
				"dev.foundation.crypto.autoconfigure.CryptoAutoConfiguration" })
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "foundation.audit.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ AuditProperties.class, FoundationSchemaProperties.class })
@Import({ AuditTenancyConfiguration.class, AuditPlainScopeConfiguration.class, AuditMetricsConfiguration.class,
		AuditWebConfiguration.class, AuditCheckpointConfiguration.class, AuditEncryptionConfiguration.class,
		AuditCryptoEventsConfiguration.class })
public final class AuditAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AuditDetailProtector auditDetailProtector() {
		return new RedactingDetailProtector();
	}

	@Bean
	@ConditionalOnMissingBean
	BatchingAuditWriter batchingAuditWriter(ChainTransactions transactions, AuditProperties properties,
			ObjectProvider<AuditWriterMetrics> metrics) {
		AuditProperties.Batch batch = properties.getBatch();
		return new BatchingAuditWriter(transactions, batch.getCapacity(), batch.getSize(), batch.getOfferTimeout(),
				batch.getAckTimeout(), metrics.getIfAvailable(() -> AuditWriterMetrics.NONE), batch.getWriters());
	}

	@Bean
	@ConditionalOnMissingBean
	TransactionalAuditWriter transactionalAuditWriter(ChainTransactions transactions,
			ObjectProvider<AuditWriterMetrics> metrics) {
		return new TransactionalAuditWriter(transactions, metrics.getIfAvailable(() -> AuditWriterMetrics.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	AuditLog auditLog(AuditTenantScope scope, AuditDetailProtector protector, TransactionalAuditWriter transactional,
			BatchingAuditWriter batched, AuditProperties properties) {
		return new DefaultAuditLog(scope, protector, transactional, batched,
				(int) properties.getMaxDetailsSize().toBytes());
	}

	@Bean
	@ConditionalOnMissingBean
	ApiKeyAuditListener apiKeyAuditListener(AuditLog log) {
		return new ApiKeyAuditListener(log);
	}

	@Bean
	@ConditionalOnMissingBean
	AuditChainVerifier auditChainVerifier(AuditTenantScope scope, DataSource dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManagers, FoundationSchemaProperties schema,
			AuditLog log, ObjectProvider<CheckpointSignatures> checkpointSignatures) {
		// The public keys alone suffice: an instance that only verifies needs no private
		// key. With none configured, retention checkpoints are trusted as stored.
		CheckpointSignatures trusted = checkpointSignatures.getIfAvailable();
		return new JdbcAuditChainVerifier(scope, readOnly(transactionManagers, dataSource), dataSource,
				schema.getName(), log, (trusted != null && !trusted.isEmpty()) ? trusted : null);
	}

	@Bean
	@ConditionalOnMissingBean
	AuditEventQuery auditEventQuery(AuditTenantScope scope, DataSource dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManagers, FoundationSchemaProperties schema) {
		return new JdbcAuditEventQuery(scope, readOnly(transactionManagers, dataSource), dataSource, schema.getName());
	}

	@Bean
	@ConditionalOnMissingBean
	AuditSchemaPreparationRunner auditSchemaPreparation(ObjectProvider<FoundationSchemaMigration> migrations,
			DataSource dataSource, AuditProperties properties, FoundationSchemaProperties schema) {
		// Narrowing the application role's rights follows the foundation's own grant: an
		// operator who grants by other means keeps doing so.
		return new AuditSchemaPreparationRunner(migrations.getIfAvailable(),
				schema.isGrantApplicationRole() ? dataSource : null, properties.getPartitionsAhead());
	}

	@Bean
	@ConditionalOnMissingBean
	PartitionMaintenance auditPartitionMaintenance(ObjectProvider<FoundationSchemaMigration> migrations,
			AuditProperties properties) {
		// Startup created them (AuditSchemaPreparationRunner); this keeps them ahead.
		Duration interval = properties.getPartitionMaintenanceInterval();
		if (interval.isNegative() || interval.isZero()) {
			throw new InvalidFoundationPropertyException("foundation.audit.partition-maintenance-interval",
					"must be positive, was " + interval, "Set a positive duration such as 1d");
		}
		FoundationSchemaMigration migration = migrations.getIfAvailable();
		return new PartitionMaintenance((migration != null) ? migration.getDataSource() : null,
				(migration != null) ? migration.getSchema() : "foundation", properties.getPartitionsAhead(), interval);
	}

	// Registered after the transaction advisor at the same order, so it runs inside the
	// transaction of an @Transactional @Audited method (see AuditedMethodInterceptor).
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor auditedMethodAdvisor(ObjectProvider<AuditLog> log) {
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
				new AnnotationMatchingPointcut(null, dev.foundation.audit.Audited.class, true),
				new LazyAuditedInterceptor(log));
		advisor.setOrder(Ordered.LOWEST_PRECEDENCE);
		return advisor;
	}

	static TransactionTemplate readOnly(ObjectProvider<PlatformTransactionManager> transactionManagers,
			DataSource dataSource) {
		PlatformTransactionManager manager = transactionManagers
			.getIfUnique(() -> new org.springframework.jdbc.support.JdbcTransactionManager(dataSource));
		TransactionTemplate template = new TransactionTemplate(manager);
		template.setReadOnly(true);
		template.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
		return template;
	}

	static ChainTransactions chainTransactions(AuditTenantScope scope, PlatformTransactionManager writer,
			DataSource dataSource, FoundationSchemaProperties schema) {
		return new ChainTransactions(scope, new TransactionTemplate(writer), dataSource,
				new ChainAppender(schema.getName(), Clock.systemUTC()));
	}

	/**
	 * The advice, looked up lazily: advisors are created early, before the audit log's
	 * dependencies may be.
	 */
	static final class LazyAuditedInterceptor implements org.aopalliance.intercept.MethodInterceptor {

		private final ObjectProvider<AuditLog> log;

		private volatile @Nullable AuditedMethodInterceptor delegate;

		LazyAuditedInterceptor(ObjectProvider<AuditLog> log) {
			this.log = log;
		}

		@Override
		public @Nullable Object invoke(org.aopalliance.intercept.MethodInvocation invocation) throws Throwable {
			AuditedMethodInterceptor interceptor = this.delegate;
			if (interceptor == null) {
				interceptor = new AuditedMethodInterceptor(this.log.getObject());
				this.delegate = interceptor;
			}
			return interceptor.invoke(invocation);
		}

	}

	/**
	 * Prepares the audit tables once the foundation's migration ran.
	 */
	static final class AuditSchemaPreparationRunner implements InitializingBean {

		private final @Nullable FoundationSchemaMigration migration;

		private final @Nullable DataSource application;

		private final int monthsAhead;

		AuditSchemaPreparationRunner(@Nullable FoundationSchemaMigration migration, @Nullable DataSource application,
				int monthsAhead) {
			this.migration = migration;
			this.application = application;
			this.monthsAhead = monthsAhead;
		}

		@Override
		public void afterPropertiesSet() {
			if (this.migration == null) {
				return;
			}
			DataSource owner = this.migration.getDataSource();
			new AuditSchemaPreparation(owner,
					(this.application != null && owner != this.application) ? this.application : null,
					this.migration.getSchema(), this.monthsAhead)
				.run();
		}

	}

}
