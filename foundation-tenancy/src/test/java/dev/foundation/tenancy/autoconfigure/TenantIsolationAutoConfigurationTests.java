package dev.foundation.tenancy.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import dev.foundation.tenancy.autoconfigure.TenantIsolationProperties.SelfCheck;
import dev.foundation.tenancy.persistence.TenantScopeIdentifierResolver;
import dev.foundation.tenancy.rls.TenantBindingDataSourceTransactionManager;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

class TenantIsolationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, TenantIsolationAutoConfiguration.class))
		// Never connected to: nothing here opens a connection.
		.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none");

	@Test
	void jdbcOnlyApplicationGetsTheTenantBindingTransactionManager() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(PlatformTransactionManager.class);
			assertThat(context).getBean(PlatformTransactionManager.class)
				.isExactlyInstanceOf(TenantBindingDataSourceTransactionManager.class);
			assertThat(context.getBean(TenantIsolationProperties.class).getSelfCheck()).isEqualTo(SelfCheck.FAIL);
		});
	}

	@Test
	void backsOffFromTheApplicationsTransactionManager() {
		this.runner.withUserConfiguration(OwnTransactionManager.class).run((context) -> {
			assertThat(context).hasSingleBean(PlatformTransactionManager.class);
			assertThat(context).getBean(PlatformTransactionManager.class)
				.isExactlyInstanceOf(DataSourceTransactionManager.class);
		});
	}

	@Test
	void disabledLeavesBootsTransactionManager() {
		this.runner.withPropertyValues("foundation.tenancy.isolation.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TenantIsolationProperties.class);
			assertThat(context).getBean(PlatformTransactionManager.class)
				.isNotInstanceOf(TenantBindingDataSourceTransactionManager.class);
		});
	}

	@Test
	void givesHibernateTheTenantResolver() {
		this.runner.run((context) -> {
			Map<String, Object> properties = new HashMap<>();
			context.getBeansOfType(HibernatePropertiesCustomizer.class).values()
				.forEach((customizer) -> customizer.customize(properties));
			assertThat(properties.get("hibernate.tenant_identifier_resolver"))
				.isInstanceOf(TenantScopeIdentifierResolver.class);
			assertThat(context).hasSingleBean(TenantIsolationSelfCheckRunner.class);
		});
	}

	@Test
	void transactionalQueryMethodsCanBeSwitchedOff() {
		this.runner.run((context) -> assertThat(context).hasBean("queryMethodTransactionsPostProcessor"));
		this.runner.withPropertyValues("foundation.tenancy.isolation.transactional-query-methods=false")
			.run((context) -> assertThat(context).doesNotHaveBean("queryMethodTransactionsPostProcessor"));
	}

	@Test
	void selfCheckModeIsConfigurable() {
		this.runner.withPropertyValues("foundation.tenancy.isolation.self-check=warn")
			.run((context) -> assertThat(context.getBean(TenantIsolationProperties.class).getSelfCheck())
				.isEqualTo(SelfCheck.WARN));
	}

	@Test
	void withoutJpaOnlyTheJdbcBindingRemains() {
		this.runner.withClassLoader(new FilteredClassLoader(LocalContainerEntityManagerFactoryBean.class, Session.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(TenantIsolationSelfCheckRunner.class);
				assertThat(context).doesNotHaveBean(HibernatePropertiesCustomizer.class);
				assertThat(context).getBean(PlatformTransactionManager.class)
					.isExactlyInstanceOf(TenantBindingDataSourceTransactionManager.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTransactionManager {

		@Bean
		DataSourceTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

	}

}
