package dev.foundation.crypto.autoconfigure;

import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.crypto.BlindIndexer;
import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.crypto.DataKeys;
import dev.foundation.crypto.EncryptedTable;
import dev.foundation.crypto.FieldEncryptor;
import dev.foundation.crypto.MasterKeyring;
import dev.foundation.crypto.internal.CryptoEndpoint;
import dev.foundation.crypto.internal.EnvelopeDataKeys;
import dev.foundation.crypto.internal.EnvelopeFieldEncryptor;
import dev.foundation.crypto.internal.HmacBlindIndexer;
import dev.foundation.crypto.internal.ReEncryptionJob;
import dev.foundation.crypto.internal.ReEncryptionMetrics;
import dev.foundation.crypto.internal.ReEncryptionRuns;
import dev.foundation.crypto.internal.ReEncryptionTables;
import dev.foundation.crypto.internal.TenancySystemScope;
import dev.foundation.crypto.internal.TenantShredding;
import dev.foundation.crypto.jpa.BlindIndexLookup;
import dev.foundation.crypto.jpa.BlindIndexMappings;
import dev.foundation.crypto.jpa.CryptoHibernateSettings;
import dev.foundation.crypto.jpa.MappedEncryptedTables;
import dev.foundation.tenancy.TenantListener;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.util.ClassUtils;

/**
 * Field encryption with per-tenant envelope keys, once master keys are configured
 * ({@code foundation.crypto.master-keys}).
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
		"dev.foundation.core.persistence.autoconfigure.FoundationSchemaAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "foundation.crypto.enabled", matchIfMissing = true)
@Conditional(OnMasterKeysCondition.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(CryptoProperties.class)
public final class CryptoAutoConfiguration {

	private static final String TENANT_SCOPE = "dev.foundation.tenancy.persistence.TenantScope";

	@Bean
	@ConditionalOnMissingBean
	MasterKeyring foundationMasterKeyring(CryptoProperties properties, ResourceLoader resources) {
		return MasterKeysFromProperties.keyring(properties, resources);
	}

	@Bean
	@ConditionalOnMissingBean(DataKeys.class)
	EnvelopeDataKeys foundationDataKeys(DataSource dataSource, MasterKeyring masterKeys, CryptoProperties properties,
			ObjectProvider<FoundationSchemaMigration> migration, Environment environment,
			ApplicationEventPublisher events) {
		return new EnvelopeDataKeys(dataSource, schema(migration, environment), masterKeys,
				properties.getDataKeyCache().getMaxTenants(), properties.getDataKeyCache().getTimeToLive(), events);
	}

	static String schema(ObjectProvider<FoundationSchemaMigration> migration, Environment environment) {
		FoundationSchemaMigration schemaMigration = migration.getIfAvailable();
		return (schemaMigration != null) ? schemaMigration.getSchema()
				: environment.getProperty("foundation.schema.name", "foundation");
	}

	@Bean
	@ConditionalOnMissingBean
	FieldEncryptor foundationFieldEncryptor(EnvelopeDataKeys dataKeys) {
		return new EnvelopeFieldEncryptor(dataKeys);
	}

	@Bean
	@ConditionalOnMissingBean
	BlindIndexer foundationBlindIndexer(EnvelopeDataKeys dataKeys, CryptoProperties properties) {
		return new HmacBlindIndexer(dataKeys, properties.getBlindIndex().getLength());
	}

	/** The {@code crypto} actuator endpoint. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		CryptoEndpoint foundationCryptoEndpoint(EnvelopeDataKeys dataKeys,
				ObjectProvider<ReEncryptionRuns> reEncryption) {
			return new CryptoEndpoint(dataKeys, reEncryption.getIfAvailable());
		}

	}

	/**
	 * The re-encryption job over the {@link EncryptedTable} beans and the tables of the
	 * {@code @Encrypted} attributes found in the JPA mappings, started and watched
	 * through the {@code crypto} endpoint. With tenancy it runs in the system scope,
	 * whose connections see every tenant's rows.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnReEncryptionTablesCondition.class)
	static class ReEncryptionConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReEncryptionRuns foundationReEncryptionRuns(DataSource dataSource, EnvelopeDataKeys dataKeys,
				CryptoProperties properties, ObjectProvider<EncryptedTable> tables,
				ObjectProvider<MappedEncryptedTables> mappedTables, ObjectProvider<FoundationSchemaMigration> migration,
				Environment environment, ApplicationEventPublisher events) {
			int batchSize = properties.getReencryption().getBatchSize();
			if (batchSize < 1) {
				throw new InvalidFoundationPropertyException("foundation.crypto.reencryption.batch-size",
						"it is " + batchSize + ", and a batch holds at least one row",
						"set it to 1 or more (e.g. 500)");
			}
			String schema = schema(migration, environment);
			ReEncryptionJob job = new ReEncryptionJob(dataSource, schema, dataKeys,
					properties.getBlindIndex().getLength(), batchSize, events);
			UnaryOperator<Runnable> scope = ClassUtils.isPresent(TENANT_SCOPE,
					ReEncryptionConfiguration.class.getClassLoader()) ? TenancySystemScope::wrap
							: UnaryOperator.identity();
			List<EncryptedTable> declared = tables.orderedStream().toList();
			MappedEncryptedTables mapped = mappedTables.getIfAvailable();
			Supplier<List<EncryptedTable>> all = (mapped != null)
					? () -> ReEncryptionTables.merge(declared, mapped.tables()) : () -> declared;
			return new ReEncryptionRuns(job, all, dataSource, schema, scope);
		}

	}

	/** The re-encryption job's progress meters. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	@Conditional(OnReEncryptionTablesCondition.class)
	static class ReEncryptionMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReEncryptionMetrics foundationReEncryptionMetrics(ReEncryptionRuns runs) {
			return new ReEncryptionMetrics(runs);
		}

	}

	/**
	 * The crypto side of tenancy's erasure: an erased tenant's data keys are destroyed.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(TenantListener.class)
	static class TenancyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TenantShredding foundationCryptoTenantShredding(DataKeys dataKeys) {
			return new TenantShredding(dataKeys);
		}

	}

	/** Hands the crypto beans to Hibernate's {@code @Encrypted} type and listeners. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HibernatePropertiesCustomizer.class, SessionFactory.class })
	static class JpaConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BlindIndexMappings foundationBlindIndexMappings() {
			return new BlindIndexMappings();
		}

		@Bean
		@ConditionalOnMissingBean
		MappedEncryptedTables foundationMappedEncryptedTables() {
			return new MappedEncryptedTables();
		}

		@Bean
		HibernatePropertiesCustomizer foundationCryptoHibernateProperties(FieldEncryptor encryptor,
				BlindIndexer indexer, BlindIndexMappings mappings, MappedEncryptedTables tables,
				CryptoProperties properties) {
			return (hibernate) -> {
				hibernate.put(CryptoHibernateSettings.FIELD_ENCRYPTOR, encryptor);
				hibernate.put(CryptoHibernateSettings.BLIND_INDEXER, indexer);
				hibernate.put(BlindIndexMappings.class.getName(), mappings);
				hibernate.put(MappedEncryptedTables.class.getName(), tables);
				String placeholder = properties.getShreddedPlaceholder();
				if (placeholder != null) {
					hibernate.put(CryptoHibernateSettings.SHREDDED_PLACEHOLDER, placeholder);
				}
			};
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnSingleCandidate(EntityManagerFactory.class)
		BlindIndexLookup foundationBlindIndexLookup(EntityManagerFactory entityManagerFactory,
				BlindIndexMappings mappings, BlindIndexer indexer) {
			return new BlindIndexLookup(SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory),
					mappings, indexer);
		}

	}

}
