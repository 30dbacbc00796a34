package dev.foundation.core.auth.autoconfigure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.core.auth.apikey.ApiKey;
import dev.foundation.core.auth.apikey.ApiKeyService;
import dev.foundation.core.auth.apikey.IssuedApiKey;
import dev.foundation.core.auth.apikey.JdbcApiKeyService;
import dev.foundation.core.persistence.autoconfigure.FoundationSchemaAutoConfiguration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Conditions of the API key auto-configuration. Beans are created lazily and nothing here
 * talks to a database ({@code JdbcApiKeyServiceIntegrationTests} uses a real one).
 */
class ApiKeyAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(FoundationSchemaAutoConfiguration.class, ApiKeyAutoConfiguration.class))
		.withBean(LazyInitializationBeanFactoryPostProcessor.class)
		.withBean(DataSource.class, SimpleDriverDataSource::new);

	@Test
	void offByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ApiKeyService.class));
	}

	@Test
	void offWhenSwitchedOff() {
		this.contextRunner.withPropertyValues("foundation.auth.api-keys.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ApiKeyService.class));
	}

	@Test
	void storesKeysInTheDatabaseWhenEnabled() {
		this.contextRunner.withPropertyValues("foundation.auth.api-keys.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ApiKeyService.class)
				.getBean(ApiKeyService.class)
				.isInstanceOf(JdbcApiKeyService.class));
	}

	@Test
	void usesTheApplicationsJdbcClient() {
		this.contextRunner.withPropertyValues("foundation.auth.api-keys.enabled=true")
			.withConfiguration(
					AutoConfigurations.of(JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(JdbcClient.class)
				.hasSingleBean(ApiKeyService.class));
	}

	@Test
	void worksWhenTheFoundationSchemaIsMigratedByOtherMeans() {
		this.contextRunner
			.withPropertyValues("foundation.auth.api-keys.enabled=true", "foundation.schema.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ApiKeyService.class));
	}

	@Test
	void rejectsUnsafeSchemaName() {
		this.contextRunner
			.withPropertyValues("foundation.auth.api-keys.enabled=true", "foundation.schema.enabled=false",
					"foundation.schema.name=public; drop table x")
			.run((context) -> assertThatThrownBy(() -> context.getBean(ApiKeyService.class))
				.isInstanceOf(BeanCreationException.class)
				.hasMessageContaining("foundation.schema"));
	}

	@Test
	void doesNothingWithoutDataSource() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ApiKeyAutoConfiguration.class))
			.withPropertyValues("foundation.auth.api-keys.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ApiKeyService.class));
	}

	@Test
	void doesNothingWithoutSpringJdbc() {
		this.contextRunner.withPropertyValues("foundation.auth.api-keys.enabled=true")
			.withClassLoader(new FilteredClassLoader(JdbcClient.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ApiKeyService.class));
	}

	@Test
	void backsOffFromUsersApiKeyService() {
		this.contextRunner.withPropertyValues("foundation.auth.api-keys.enabled=true")
			.withBean("customApiKeys", ApiKeyService.class, NoApiKeys::new)
			.run((context) -> assertThat(context.getBeanNamesForType(ApiKeyService.class))
				.containsExactly("customApiKeys"));
	}

	/** A user's own service. */
	static final class NoApiKeys implements ApiKeyService {

		@Override
		public IssuedApiKey issue(String name, @Nullable String tenantId, Set<String> roles,
				@Nullable Instant expiresAt) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Optional<FoundationPrincipal> authenticate(String presentedKey) {
			return Optional.empty();
		}

		@Override
		public boolean revoke(@Nullable String tenantId, UUID id) {
			return false;
		}

		@Override
		public List<ApiKey> list(@Nullable String tenantId) {
			return List.of();
		}

	}

}
