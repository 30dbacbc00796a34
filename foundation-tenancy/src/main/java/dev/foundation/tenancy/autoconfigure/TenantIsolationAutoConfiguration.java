package dev.foundation.tenancy.autoconfigure;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.tenancy.internal.SystemScopeDataSourcePostProcessor;
import dev.foundation.tenancy.internal.TenantIsolationSelfCheckRunner;
import dev.foundation.tenancy.internal.TenantSettingCheckingDataSourcePostProcessor;
import dev.foundation.tenancy.persistence.TenantIsolationViolations;
import dev.foundation.tenancy.persistence.TenantOwnedTables;
import dev.foundation.tenancy.persistence.TenantScopeIdentifierResolver;
import dev.foundation.tenancy.rls.CachedTenantIsolationCheck;
import dev.foundation.tenancy.rls.QueryMethodTransactions;
import dev.foundation.tenancy.rls.TenantBindingDataSourceTransactionManager;
import dev.foundation.tenancy.rls.TenantBindingJpaDialect;
import dev.foundation.tenancy.rls.TenantBindingKeys;
import dev.foundation.tenancy.rls.TenantTransactionBinding;
import dev.foundation.tenancy.rls.TenantIsolationSelfCheck;
import dev.foundation.tenancy.rls.TenantSettingLeakCounts;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;
import org.springframework.util.function.SingletonSupplier;

/**
 * Tenant isolation: binds the current tenant to every transaction for PostgreSQL
 * row-level security (through the JPA dialect of Boot's entity manager factory, or a JDBC
 * transaction manager when there is no JPA), gives Hibernate the current tenant for
 * {@code TenantOwnedEntity}, checks at startup that row-level security protects the
 * tables of tenant-owned entities, and checks every connection returned to the pool for
 * tenant settings that would survive into the next borrower's work.
 * <p>
 * Ordered after Hibernate's auto-configuration, whose JPA transaction manager wins when
 * JPA is present, and before the JDBC transaction manager's, which backs off from the
 * tenant-binding one.
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" },
		beforeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
				"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration" })
@ConditionalOnClass({ DataSource.class, DataSourceTransactionManager.class })
@ConditionalOnBooleanProperty(name = "foundation.tenancy.isolation.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TenantIsolationProperties.class)
public final class TenantIsolationAutoConfiguration {

	static final String MAX_AGE_PROPERTY = "foundation.tenancy.isolation.self-check-max-age";

	private static final Logger logger = LoggerFactory.getLogger(TenantIsolationAutoConfiguration.class);

	TenantIsolationAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	static TenantBindingKeys tenantBindingKeys(ObjectProvider<DataSource> dataSources,
			ObjectProvider<FoundationSchemaMigration> migrations, Environment environment) {
		FoundationSchemaMigration migration = migrations.getIfAvailable();
		if (migration != null) {
			return new TenantBindingKeys(migration.getDataSource(), migration.getSchema());
		}
		return new TenantBindingKeys(dataSources.getObject(),
				environment.getProperty("foundation.schema.name", "foundation"));
	}

	@Bean
	@ConditionalOnMissingBean
	static TenantTransactionBinding tenantTransactionBinding(ObjectProvider<TenantBindingKeys> keys) {
		// Looked up once, on the first transaction: binding runs on every transaction.
		SingletonSupplier<TenantBindingKeys> bindingKeys = SingletonSupplier.of(keys::getObject);
		return new TenantTransactionBinding(() -> bindingKeys.obtain().get());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static final class IsolationMetricsConfiguration {

		@Bean
		MeterBinder tenantIsolationMeterBinder(ObjectProvider<TenantTransactionBinding> bindings) {
			return (registry) -> {
				TenantTransactionBinding binding = bindings.getIfAvailable();
				if (binding != null) {
					for (TenantTransactionBinding.Scope scope : TenantTransactionBinding.Scope.values()) {
						FunctionCounter
							.builder("foundation.tenancy.isolation.bindings", binding, (b) -> b.transactions(scope))
							.description("Transactions begun, by whether the current tenant was bound to them "
									+ "(tenant), none was (none) or they ran in the system scope (system)")
							.tag("scope", scope.tag())
							.register(registry);
					}
				}
				for (TenantIsolationViolations.Kind kind : TenantIsolationViolations.Kind.values()) {
					FunctionCounter
						.builder("foundation.tenancy.isolation.violations", TenantIsolationViolations.class,
								(c) -> TenantIsolationViolations.count(kind))
						.description("Writes and scope changes refused because they would have crossed tenants")
						.tag("kind", kind.tag())
						.register(registry);
				}
			};
		}

	}

	@Bean
	static SystemScopeDataSourcePostProcessor systemScopeDataSourcePostProcessor(
			ObjectProvider<FoundationSchemaMigration> migrations, ConfigurableListableBeanFactory beanFactory) {
		return new SystemScopeDataSourcePostProcessor(migrations, beanFactory);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ LocalContainerEntityManagerFactoryBean.class, EntityManagerFactory.class, Session.class })
	static final class JpaIsolationConfiguration {

		@Bean
		static BeanPostProcessor tenantBindingJpaDialectPostProcessor(
				ObjectProvider<TenantTransactionBinding> binding) {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
					// Before initialization: the factory bean takes its vendor adapter's
					// dialect only when none is set.
					if (bean instanceof LocalContainerEntityManagerFactoryBean factory) {
						if (factory.getJpaDialect() == null) {
							factory.setJpaDialect(new TenantBindingJpaDialect(binding.getObject()));
						}
						else if (!(factory.getJpaDialect() instanceof TenantBindingJpaDialect)) {
							logger.warn(
									"Entity manager factory '{}' has a JPA dialect of its own ({}); its "
											+ "transactions are not bound to the current tenant, so row-level security "
											+ "shows them no tenant's rows. Extend TenantBindingJpaDialect instead",
									beanName, factory.getJpaDialect().getClass().getName());
						}
					}
					return bean;
				}

			};
		}

		@Bean
		@ConditionalOnMissingBean
		CachedTenantIsolationCheck cachedTenantIsolationCheck(TenantIsolationProperties properties,
				ObjectProvider<DataSource> dataSources, ObjectProvider<EntityManagerFactory> entityManagerFactories) {
			Duration maxAge = properties.getSelfCheckMaxAge();
			if (maxAge.isNegative()) {
				throw new InvalidFoundationPropertyException(MAX_AGE_PROPERTY, "must not be negative, was " + maxAge,
						"Set a duration such as 30s (0 checks the catalog on every health request)");
			}
			// Every entity manager factory is checked against its own data source: with
			// several, none is skipped.
			return new CachedTenantIsolationCheck(() -> entityManagerFactories.orderedStream().map((factory) -> {
				DataSource dataSource = (factory instanceof EntityManagerFactoryInfo info) ? info.getDataSource()
						: dataSources.getIfUnique();
				return new CachedTenantIsolationCheck.Target(
						(dataSource != null) ? new TenantIsolationSelfCheck(dataSource) : null,
						TenantOwnedTables.of(factory));
			}).toList(), maxAge, Clock.systemUTC());
		}

		@Bean
		@ConditionalOnBean(CachedTenantIsolationCheck.class)
		TenantIsolationSelfCheckRunner tenantIsolationSelfCheckRunner(TenantIsolationProperties properties,
				CachedTenantIsolationCheck check) {
			return new TenantIsolationSelfCheckRunner(
					TenantIsolationSelfCheckRunner.Mode.valueOf(properties.getSelfCheck().name()), check);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "foundation.tenancy.isolation.connection-check.enabled", matchIfMissing = true)
	static final class ConnectionCheckConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TenantSettingLeakCounts tenantSettingLeakCounts() {
			return new TenantSettingLeakCounts();
		}

		@Bean
		static TenantSettingCheckingDataSourcePostProcessor tenantSettingCheckingDataSourcePostProcessor(
				ObjectProvider<TenantSettingLeakCounts> counts) {
			return new TenantSettingCheckingDataSourcePostProcessor(counts);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(MeterBinder.class)
		static final class MetricsConfiguration {

			@Bean
			MeterBinder tenantSettingLeakMeterBinder(TenantSettingLeakCounts counts) {
				return (registry) -> {
					FunctionCounter.builder("foundation.tenancy.isolation.leaked.settings", counts, (c) -> c.leaks())
						.description("Connections returned to the pool with a tenant setting made at session level "
								+ "(each one neutralised)")
						.register(registry);
					FunctionCounter.builder("foundation.tenancy.isolation.connection.checks", counts, (c) -> c.checks())
						.description("Connections checked for tenant settings made at session level, by the binding "
								+ "statement or when returned to the pool")
						.register(registry);
					FunctionCounter
						.builder("foundation.tenancy.isolation.connection.check.failures", counts, (c) -> c.failures())
						.description("Connections returned to the pool that could not be checked for tenant settings")
						.register(registry);
				};
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HibernatePropertiesCustomizer.class, Session.class })
	static final class HibernateTenantConfiguration {

		@Bean
		HibernatePropertiesCustomizer tenantIdentifierResolverCustomizer() {
			return (properties) -> properties.putIfAbsent("hibernate.tenant_identifier_resolver",
					new TenantScopeIdentifierResolver());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RepositoryFactoryBeanSupport.class)
	@ConditionalOnBooleanProperty(name = "foundation.tenancy.isolation.transactional-query-methods",
			matchIfMissing = true)
	static final class SpringDataConfiguration {

		@Bean
		static BeanPostProcessor queryMethodTransactionsPostProcessor(
				ObjectProvider<PlatformTransactionManager> transactionManagers) {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
					// Before initialization: the factory bean applies its customizers
					// when it creates the repository.
					if (bean instanceof RepositoryFactoryBeanSupport<?, ?, ?> factoryBean) {
						factoryBean.addRepositoryFactoryCustomizer((factory) -> factory
							.addRepositoryProxyPostProcessor(new QueryMethodTransactions(transactionManagers)));
					}
					return bean;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnSingleCandidate(DataSource.class)
	static final class JdbcIsolationConfiguration {

		@Bean
		@ConditionalOnMissingBean(TransactionManager.class)
		TenantBindingDataSourceTransactionManager transactionManager(DataSource dataSource,
				TenantTransactionBinding binding, ObjectProvider<TransactionManagerCustomizers> customizers) {
			TenantBindingDataSourceTransactionManager transactionManager = new TenantBindingDataSourceTransactionManager(
					dataSource, binding);
			customizers.ifAvailable((each) -> each.customize(transactionManager));
			return transactionManager;
		}

	}

}
