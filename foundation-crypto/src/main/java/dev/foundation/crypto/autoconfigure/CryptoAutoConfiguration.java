package dev.foundation.crypto.autoconfigure;

import javax.sql.DataSource;

import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.crypto.BlindIndexer;
import dev.foundation.crypto.DataKeys;
import dev.foundation.crypto.FieldEncryptor;
import dev.foundation.crypto.MasterKeyring;
import dev.foundation.crypto.internal.CryptoEndpoint;
import dev.foundation.crypto.internal.EnvelopeDataKeys;
import dev.foundation.crypto.internal.EnvelopeFieldEncryptor;
import dev.foundation.crypto.internal.HmacBlindIndexer;
import dev.foundation.crypto.jpa.BlindIndexLookup;
import dev.foundation.crypto.jpa.BlindIndexMappings;
import dev.foundation.crypto.jpa.CryptoHibernateSettings;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

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

	@Bean
	@ConditionalOnMissingBean
	MasterKeyring foundationMasterKeyring(CryptoProperties properties, ResourceLoader resources) {
		return MasterKeysFromProperties.keyring(properties, resources);
	}

	@Bean
	@ConditionalOnMissingBean(DataKeys.class)
	EnvelopeDataKeys foundationDataKeys(DataSource dataSource, MasterKeyring masterKeys, CryptoProperties properties,
			ObjectProvider<FoundationSchemaMigration> migration, Environment environment) {
		FoundationSchemaMigration schemaMigration = migration.getIfAvailable();
		String schema = (schemaMigration != null) ? schemaMigration.getSchema()
				: environment.getProperty("foundation.schema.name", "foundation");
		return new EnvelopeDataKeys(dataSource, schema, masterKeys, properties.getDataKeyCache().getMaxTenants(),
				properties.getDataKeyCache().getTimeToLive());
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
		CryptoEndpoint foundationCryptoEndpoint(EnvelopeDataKeys dataKeys) {
			return new CryptoEndpoint(dataKeys);
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
		HibernatePropertiesCustomizer foundationCryptoHibernateProperties(FieldEncryptor encryptor,
				BlindIndexer indexer, BlindIndexMappings mappings, CryptoProperties properties) {
			return (hibernate) -> {
				hibernate.put(CryptoHibernateSettings.FIELD_ENCRYPTOR, encryptor);
				hibernate.put(CryptoHibernateSettings.BLIND_INDEXER, indexer);
				hibernate.put(BlindIndexMappings.class.getName(), mappings);
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
