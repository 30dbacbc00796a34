package dev.foundation.tenancy.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.tenancy.autoconfigure.TenantIsolationProperties.SelfCheck;
import dev.foundation.tenancy.internal.TenantIsolationSelfCheckRunner;
import dev.foundation.tenancy.persistence.TenantScopeIdentifierResolver;
import dev.foundation.tenancy.rls.CachedTenantIsolationCheck;
import dev.foundation.tenancy.rls.SystemScopeDataSource;
import dev.foundation.tenancy.rls.TenantBindingDataSourceTransactionManager;
import dev.foundation.tenancy.rls.TenantSettingCheckingDataSource;
import dev.foundation.tenancy.rls.TenantSettingLeakCounts;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
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
			context.getBeansOfType(HibernatePropertiesCustomizer.class)
				.values()
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
		this.runner
			.withClassLoader(new FilteredClassLoader(LocalContainerEntityManagerFactoryBean.class, Session.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(TenantIsolationSelfCheckRunner.class);
				assertThat(context).doesNotHaveBean(HibernatePropertiesCustomizer.class);
				assertThat(context).getBean(PlatformTransactionManager.class)
					.isExactlyInstanceOf(TenantBindingDataSourceTransactionManager.class);
			});
	}

	@Test
	void dataSourceChecksReturnedConnectionsAndStillUnwrapsToHikari() {
		this.runner.run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).isInstanceOf(SystemScopeDataSource.class);
			assertThat(dataSource.isWrapperFor(TenantSettingCheckingDataSource.class)).isTrue();
			assertThat(dataSource.unwrap(HikariDataSource.class)).isInstanceOf(HikariDataSource.class);
			assertThat(DataSourceUnwrapper.unwrap(dataSource, HikariDataSource.class)).isNotNull();
			assertThat(context).hasSingleBean(TenantSettingLeakCounts.class);
			assertThat(context.getBean(TenantIsolationProperties.class).getConnectionCheck().isEnabled()).isTrue();
		});
	}

	@Test
	void closingTheContextStillClosesThePool() {
		HikariDataSource[] pool = new HikariDataSource[1];
		this.runner.run((context) -> pool[0] = context.getBean(DataSource.class).unwrap(HikariDataSource.class));
		assertThat(pool[0].isClosed()).isTrue();
	}

	@Test
	void dataSourceWrappingACheckedOneIsNotCheckedTwice() {
		this.runner.withUserConfiguration(LazyDataSourceOnTop.class).run((context) -> {
			assertThat(
					context.getBean("dataSource", DataSource.class).isWrapperFor(TenantSettingCheckingDataSource.class))
				.isTrue();
			assertThat(context.getBean("lazyDataSource")).isExactlyInstanceOf(LazyConnectionDataSourceProxy.class);
		});
	}

	@Test
	void connectionCheckCanBeSwitchedOff() {
		this.runner.withPropertyValues("foundation.tenancy.isolation.connection-check.enabled=false").run((context) -> {
			// Only the system-scope routing is left around the pool.
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).isExactlyInstanceOf(SystemScopeDataSource.class);
			assertThat(dataSource.isWrapperFor(TenantSettingCheckingDataSource.class)).isFalse();
			assertThat(dataSource.unwrap(DataSource.class)).isExactlyInstanceOf(HikariDataSource.class);
			assertThat(context).doesNotHaveBean(TenantSettingLeakCounts.class);
			assertThat(context).doesNotHaveBean("tenantSettingLeakMeterBinder");
		});
	}

	@Test
	void countsLeaksInMicrometerCounters() {
		this.runner.run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(registry));
			assertThat(registry.get("foundation.tenancy.isolation.leaked.settings").functionCounter().count()).isZero();
			assertThat(registry.get("foundation.tenancy.isolation.connection.check.failures").functionCounter().count())
				.isZero();
			assertThat(registry.get("foundation.tenancy.isolation.connection.checks").functionCounter()).isNotNull();
			assertThat(registry.find("foundation.tenancy.isolation.bindings").functionCounters()).hasSize(3);
			assertThat(registry.find("foundation.tenancy.isolation.violations").functionCounters()).hasSize(4);
		});
	}

	@Test
	void withoutMicrometerTheConnectionCheckStillRuns() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterBinder.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(MeterBinder.class);
			assertThat(context.getBean(DataSource.class).isWrapperFor(TenantSettingCheckingDataSource.class)).isTrue();
		});
	}

	@Test
	void backsOffFromTheApplicationsLeakCounts() {
		this.runner.withBean("ownCounts", TenantSettingLeakCounts.class, TenantSettingLeakCounts::new)
			.run((context) -> assertThat(context).getBean(TenantSettingLeakCounts.class)
				.isSameAs(context.getBean("ownCounts")));
	}

	@Test
	void selfCheckResultIsCachedForTheConfiguredMaxAge() {
		this.runner.run((context) -> {
			assertThat(context.getBean(TenantIsolationProperties.class).getSelfCheckMaxAge()).hasSeconds(30);
			assertThat(context).hasSingleBean(CachedTenantIsolationCheck.class);
		});
		this.runner.withPropertyValues("foundation.tenancy.isolation.self-check-max-age=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidFoundationPropertyException.class, (ex) -> assertThat(ex.getProperty())
					.isEqualTo("foundation.tenancy.isolation.self-check-max-age")));
	}

	@Configuration(proxyBeanMethods = false)
	static class LazyDataSourceOnTop {

		@Bean
		@Primary
		HikariDataSource dataSource() {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/none");
			return dataSource;
		}

		@Bean
		DataSource lazyDataSource(@Qualifier("dataSource") DataSource dataSource) {
			return new LazyConnectionDataSourceProxy(dataSource);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTransactionManager {

		@Bean
		DataSourceTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

	}

}
