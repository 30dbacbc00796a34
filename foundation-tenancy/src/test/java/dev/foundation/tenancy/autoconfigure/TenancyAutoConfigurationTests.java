package dev.foundation.tenancy.autoconfigure;

import java.util.Map;

import javax.sql.DataSource;

import dev.foundation.core.persistence.autoconfigure.FoundationSchemaAutoConfiguration;
import dev.foundation.tenancy.TenantDirectory;
import dev.foundation.tenancy.internal.JdbcTenantDirectory;
import dev.foundation.tenancy.internal.LegacyIdentityAdoption;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Conditions of the tenancy auto-configuration. Beans are created lazily and nothing here
 * talks to a database ({@code JdbcTenantDirectoryIntegrationTests} uses a real one).
 * <p>
 * This module's test class path has the Bean Validation API but no provider (applications
 * get Hibernate Validator from {@code foundation-starter}); hiding the API's bootstrap
 * package makes Boot skip the validation of {@code foundation.schema.*} that would
 * otherwise fail for want of a provider. The directory checks the schema name itself,
 * which {@link #rejectsUnsafeSchemaName()} relies on. The {@link LegacyIdentityAdoption}
 * run at startup is a mock ({@code LegacyIdentityAdoptionIntegrationTests} uses a real
 * database).
 */
class TenancyAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(FoundationSchemaAutoConfiguration.class, TenancyAutoConfiguration.class))
		.withClassLoader(new FilteredClassLoader("jakarta.validation.bootstrap"))
		.withBean(LazyInitializationBeanFactoryPostProcessor.class)
		.withBean(DataSource.class, SimpleDriverDataSource::new)
		.withBean(LegacyIdentityAdoption.class, () -> Mockito.mock(LegacyIdentityAdoption.class));

	@Test
	void providesTheJdbcDirectoryByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(TenantDirectory.class);
			assertThat(context.getBean(TenantDirectory.class)).isInstanceOf(JdbcTenantDirectory.class);
			TenancyProperties properties = context.getBean(TenancyProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.getProvisioning().isEnabled()).isFalse();
		});
	}

	@Test
	void bindsProvisioningSwitch() {
		this.contextRunner.withPropertyValues("foundation.tenancy.provisioning.enabled=true")
			.run((context) -> assertThat(context.getBean(TenancyProperties.class).getProvisioning().isEnabled())
				.isTrue());
	}

	@Test
	void usesTheApplicationsJdbcClientAndTransactionManager() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class,
					JdbcClientAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(TenantDirectory.class));
	}

	@Test
	void worksWhenTheFoundationSchemaIsMigratedByOtherMeans() {
		this.contextRunner.withPropertyValues("foundation.schema.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(TenantDirectory.class));
	}

	@Test
	void rejectsUnsafeSchemaName() {
		this.contextRunner
			.withPropertyValues("foundation.schema.enabled=false", "foundation.schema.name=public; drop table x")
			.run((context) -> assertThatThrownBy(() -> context.getBean(TenantDirectory.class))
				.isInstanceOf(BeanCreationException.class)
				.rootCause()
				.hasMessageContaining("Schema must be a lowercase SQL identifier"));
	}

	@Test
	void adoptsLegacyIdentitiesAtStartupWithTheConfiguredIssuer() {
		this.contextRunner.withPropertyValues("foundation.tenancy.legacy-issuer=https://clerk.example.com")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Mockito.verify(context.getBean(LegacyIdentityAdoption.class))
					.adopt("https://clerk.example.com", Map.of());
			});
	}

	@Test
	void offWhenDisabled() {
		this.contextRunner.withPropertyValues("foundation.tenancy.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TenantDirectory.class)
				.doesNotHaveBean(TenancyProperties.class));
	}

	@Test
	void doesNothingWithoutDataSource() {
		new ApplicationContextRunner().withClassLoader(new FilteredClassLoader("jakarta.validation.bootstrap"))
			.withConfiguration(AutoConfigurations.of(TenancyAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TenantDirectory.class));
	}

	@Test
	void backsOffFromUsersDirectory() {
		this.contextRunner.withBean("customDirectory", TenantDirectory.class, () -> Mockito.mock(TenantDirectory.class))
			.run((context) -> assertThat(context.getBeanNamesForType(TenantDirectory.class))
				.containsExactly("customDirectory"));
	}

}
