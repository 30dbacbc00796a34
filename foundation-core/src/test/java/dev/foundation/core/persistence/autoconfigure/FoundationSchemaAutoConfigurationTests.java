package dev.foundation.core.persistence.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import dev.foundation.core.persistence.FoundationSchemaMigration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Conditions and binding of the foundation schema's auto-configuration. Beans are created
 * lazily: nothing here talks to a database ({@code FoundationSchemaIntegrationTests}
 * migrates a real one).
 */
class FoundationSchemaAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FoundationSchemaAutoConfiguration.class))
		.withBean(LazyInitializationBeanFactoryPostProcessor.class)
		.withBean(DataSource.class, SimpleDriverDataSource::new);

	@Test
	void migratesFoundationSchemaWhenThereIsADataSource() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeanNamesForType(FoundationSchemaMigration.class))
				.containsExactly("foundationSchemaMigration");
		});
	}

	@Test
	void defaultsToFoundationSchemaHistoryTableAndLocation() {
		this.contextRunner.run((context) -> {
			FoundationSchemaProperties properties = context.getBean(FoundationSchemaProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getName()).isEqualTo("foundation");
			assertThat(properties.getHistoryTable()).isEqualTo("foundation_schema_history");
			assertThat(properties.getLocations()).containsExactly("classpath:db/foundation");
		});
	}

	@Test
	void bindsEachProperty() {
		this.contextRunner
			.withPropertyValues("foundation.schema.name=platform", "foundation.schema.history-table=platform_history",
					"foundation.schema.locations=classpath:db/platform,classpath:db/extra")
			.run((context) -> {
				FoundationSchemaProperties properties = context.getBean(FoundationSchemaProperties.class);
				assertThat(properties.getName()).isEqualTo("platform");
				assertThat(properties.getHistoryTable()).isEqualTo("platform_history");
				assertThat(properties.getLocations()).containsExactly("classpath:db/platform", "classpath:db/extra");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "foundation.schema.name=Foundation", "foundation.schema.name=public; drop table x",
			"foundation.schema.name=9lives", "foundation.schema.history-table=\"history\"",
			"foundation.schema.locations=" })
	void rejectsUnsafeIdentifiersAndEmptyLocations(String property) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThatThrownBy(() -> context.getBean(FoundationSchemaProperties.class))
				.isInstanceOf(ConfigurationPropertiesBindException.class)
				.hasRootCauseInstanceOf(BindValidationException.class);
		});
	}

	@Test
	void disabledSwitchSkipsMigration() {
		this.contextRunner.withPropertyValues("foundation.schema.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FoundationSchemaMigration.class)
				.doesNotHaveBean(FoundationSchemaProperties.class));
	}

	@Test
	void doesNothingWithoutDataSource() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FoundationSchemaAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FoundationSchemaMigration.class));
	}

	@Test
	void doesNothingWithoutFlyway() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Flyway.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(FoundationSchemaMigration.class));
	}

	@Test
	void backsOffFromUsersMigration() {
		this.contextRunner
			.withBean("customMigration", FoundationSchemaMigration.class,
					() -> new FoundationSchemaMigration(new SimpleDriverDataSource(), "custom", "custom_history",
							"classpath:db/custom"))
			.run((context) -> assertThat(context.getBeanNamesForType(FoundationSchemaMigration.class))
				.containsExactly("customMigration"));
	}

	@Test
	void applicationsFlywayWaitsForFoundationSchema() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			// Boot orders initializers in batches: Flyway's bean waits for the
			// foundation's, its initializer for it.
			assertThat(context.getBeanFactory().getBeanDefinition("flyway").getDependsOn())
				.contains("foundationSchemaMigration");
			assertThat(context.getBeanFactory().getBeanDefinition("flywayInitializer").getDependsOn())
				.contains("flyway");
		});
	}

	@Test
	void usersMigrationIsAlsoRunBeforeApplicationsFlyway() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
			.withBean("customMigration", FoundationSchemaMigration.class,
					() -> new FoundationSchemaMigration(new SimpleDriverDataSource(), "custom", "custom_history",
							"classpath:db/custom"))
			.run((context) -> assertThat(List.of(context.getBeanFactory().getBeanDefinition("flyway").getDependsOn()))
				.contains("customMigration"));
	}

}
