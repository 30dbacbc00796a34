package dev.foundation.tenancy.autoconfigure;

import javax.sql.DataSource;

import dev.foundation.tenancy.persistence.TenantScopeIdentifierResolver;
import dev.foundation.tenancy.rls.QueryMethodTransactions;
import dev.foundation.tenancy.rls.TenantBindingDataSourceTransactionManager;
import dev.foundation.tenancy.rls.TenantBindingJpaDialect;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;

/**
 * Tenant isolation: binds the current tenant to every transaction for PostgreSQL row-level security (through the JPA
 * dialect of Boot's entity manager factory, or a JDBC transaction manager when there is no JPA), gives Hibernate the
 * current tenant for {@code TenantOwnedEntity}, and checks at startup that row-level security protects the tables of
 * tenant-owned entities.
 * <p>
 * Ordered after Hibernate's auto-configuration, whose JPA transaction manager wins when JPA is present, and before the
 * JDBC transaction manager's, which backs off from the tenant-binding one.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" },
		beforeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
				"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration" })
@ConditionalOnClass({ DataSource.class, DataSourceTransactionManager.class })
@ConditionalOnBooleanProperty(name = "foundation.tenancy.isolation.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TenantIsolationProperties.class)
public final class TenantIsolationAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(TenantIsolationAutoConfiguration.class);

	TenantIsolationAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ LocalContainerEntityManagerFactoryBean.class, EntityManagerFactory.class, Session.class })
	static final class JpaIsolationConfiguration {

		@Bean
		static BeanPostProcessor tenantBindingJpaDialectPostProcessor() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
					// Before initialization: the factory bean takes its vendor adapter's dialect only when none is set.
					if (bean instanceof LocalContainerEntityManagerFactoryBean factory) {
						if (factory.getJpaDialect() == null) {
							factory.setJpaDialect(new TenantBindingJpaDialect());
						}
						else if (!(factory.getJpaDialect() instanceof TenantBindingJpaDialect)) {
							logger.warn("Entity manager factory '{}' has a JPA dialect of its own ({}); its "
									+ "transactions are not bound to the current tenant, so row-level security "
									+ "shows them no tenant's rows. Extend TenantBindingJpaDialect instead", beanName,
									factory.getJpaDialect().getClass().getName());
						}
					}
					return bean;
				}

			};
		}

		@Bean
		@ConditionalOnSingleCandidate(DataSource.class)
		TenantIsolationSelfCheckRunner tenantIsolationSelfCheckRunner(TenantIsolationProperties properties,
				DataSource dataSource, ObjectProvider<EntityManagerFactory> entityManagerFactories) {
			return new TenantIsolationSelfCheckRunner(properties.getSelfCheck(), dataSource, entityManagerFactories);
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
					// Before initialization: the factory bean applies its customizers when it creates the repository.
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
				ObjectProvider<TransactionManagerCustomizers> customizers) {
			TenantBindingDataSourceTransactionManager transactionManager = new TenantBindingDataSourceTransactionManager(
					dataSource);
			customizers.ifAvailable((each) -> each.customize(transactionManager));
			return transactionManager;
		}

	}

}
