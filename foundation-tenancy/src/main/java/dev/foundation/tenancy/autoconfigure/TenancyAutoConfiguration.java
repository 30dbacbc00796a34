package dev.foundation.tenancy.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.jwt.TrustedIssuerRegistry;
import dev.foundation.core.persistence.autoconfigure.FoundationSchemaAutoConfiguration;
import dev.foundation.core.persistence.autoconfigure.FoundationSchemaProperties;
import dev.foundation.tenancy.MembershipListener;
import dev.foundation.tenancy.TenantDirectory;
import dev.foundation.tenancy.TenantListener;
import dev.foundation.tenancy.internal.JdbcTenantDirectory;
import dev.foundation.tenancy.internal.LegacyIdentityAdoption;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Tenants and memberships stored in the foundation's schema (tables {@code tenants},
 * {@code tenant_external_ids}, {@code memberships}, migrated with the foundation's own
 * Flyway history).
 * <p>
 * The directory uses the application's {@link JdbcClient} and its unique (or primary)
 * transaction manager, so its writes join the application's transactions; without them it
 * works on the {@link DataSource} directly. With {@code foundation.schema.enabled=false}
 * the tables must be created by other means, in the schema named by
 * {@code foundation.schema.name}.
 */
@AutoConfiguration(after = FoundationSchemaAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
				"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
				"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration" })
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "foundation.tenancy.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ TenancyProperties.class, FoundationSchemaProperties.class })
public final class TenancyAutoConfiguration {

	TenancyAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	TenantDirectory tenantDirectory(DataSource dataSource, ObjectProvider<JdbcClient> jdbcClient,
			ObjectProvider<PlatformTransactionManager> transactionManager, FoundationSchemaProperties schema,
			ObjectProvider<MembershipListener> listeners, ObjectProvider<TenantListener> tenantListeners) {
		// Listeners are looked up at each change, so one may depend on the directory
		// without a cycle.
		return new JdbcTenantDirectory(jdbcClient.getIfAvailable(() -> JdbcClient.create(dataSource)),
				transactionManager.getIfUnique(() -> new DataSourceTransactionManager(dataSource)), schema.getName(),
				() -> listeners.orderedStream().iterator(), () -> tenantListeners.orderedStream().iterator());
	}

	@Bean
	@ConditionalOnMissingBean
	LegacyIdentityAdoption legacyIdentityAdoption(DataSource dataSource, ObjectProvider<JdbcClient> jdbcClient,
			ObjectProvider<PlatformTransactionManager> transactionManager, FoundationSchemaProperties schema) {
		return new LegacyIdentityAdoption(jdbcClient.getIfAvailable(() -> JdbcClient.create(dataSource)),
				transactionManager.getIfUnique(() -> new DataSourceTransactionManager(dataSource)), schema.getName());
	}

	@Bean
	static SmartInitializingSingleton legacyIdentityAdoptionRunner(ObjectProvider<LegacyIdentityAdoption> adoption,
			ObjectProvider<TrustedIssuerRegistry> issuers, ObjectProvider<TenancyProperties> properties) {
		// After every singleton, so the foundation's migrations ran; before the server
		// takes requests.
		return () -> adoption.ifAvailable((legacy) -> {
			Map<String, AuthProvider> trusted = new LinkedHashMap<>();
			issuers.ifAvailable((registry) -> registry.issuers()
				.forEach((issuer) -> trusted.put(issuer.issuer(), issuer.provider())));
			legacy.adopt(properties.getObject().getLegacyIssuer(), trusted);
		});
	}

}
