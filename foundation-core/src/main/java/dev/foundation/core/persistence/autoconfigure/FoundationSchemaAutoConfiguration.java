package dev.foundation.core.persistence.autoconfigure;

import javax.sql.DataSource;

import dev.foundation.core.persistence.FoundationSchemaMigration;
import org.flywaydb.core.Flyway;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Migrates the foundation's own tables. {@link FoundationSchemaInitializerDetector} makes
 * the application's Flyway and JPA wait for it.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		beforeName = { "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
				"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" })
@ConditionalOnClass(Flyway.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "foundation.schema.enabled", matchIfMissing = true)
@EnableConfigurationProperties(FoundationSchemaProperties.class)
public final class FoundationSchemaAutoConfiguration {

	FoundationSchemaAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	FoundationSchemaMigration foundationSchemaMigration(DataSource dataSource, FoundationSchemaProperties properties,
			Environment environment) {
		MigrationRole role = MigrationRole.of(properties, environment);
		DataSource migrating = (role != null) ? role.dataSource(dataSource) : dataSource;
		FoundationSchemaMigration migration = new FoundationSchemaMigration(migrating, properties.getName(),
				properties.getHistoryTable(), properties.getLocations().toArray(String[]::new));
		if (role != null && properties.isGrantApplicationRole()) {
			migration.setApplicationDataSource(dataSource);
		}
		return migration;
	}

}
