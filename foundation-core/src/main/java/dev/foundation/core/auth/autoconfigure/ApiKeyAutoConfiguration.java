package dev.foundation.core.auth.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import dev.foundation.core.auth.AuthEvents;
import dev.foundation.core.auth.apikey.ApiKeyService;
import dev.foundation.core.auth.apikey.JdbcApiKeyService;
import dev.foundation.core.persistence.autoconfigure.FoundationSchemaAutoConfiguration;
import dev.foundation.core.persistence.autoconfigure.FoundationSchemaProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API keys stored in the foundation's schema (table {@code api_keys}, migrated with the
 * foundation's own Flyway history). Off unless
 * {@code foundation.auth.api-keys.enabled=true}, which {@code AuthProperties} binds; the
 * security filter chain then accepts the key header next to bearer tokens.
 * <p>
 * With {@code foundation.schema.enabled=false} the table must be created by other means,
 * in the schema named by {@code foundation.schema.name}.
 */
@AutoConfiguration(after = FoundationSchemaAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration" })
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBooleanProperty("foundation.auth.api-keys.enabled")
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(FoundationSchemaProperties.class)
public final class ApiKeyAutoConfiguration {

	ApiKeyAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	ApiKeyService apiKeyService(DataSource dataSource, ObjectProvider<JdbcClient> jdbcClient,
			FoundationSchemaProperties schema, ObjectProvider<AuthEvents> events) {
		return new JdbcApiKeyService(jdbcClient.getIfAvailable(() -> JdbcClient.create(dataSource)), schema.getName(),
				Clock.systemUTC(), events.getIfAvailable(() -> AuthEvents.NONE));
	}

}
