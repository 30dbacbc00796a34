package dev.foundation.tenancy.internal;

import java.sql.SQLException;

import javax.sql.DataSource;

import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.tenancy.rls.SystemScopeDataSource;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;

/**
 * Wraps the application's main data source in a {@link SystemScopeDataSource} whose
 * system-scope connections are the foundation's migration role's.
 * <p>
 * Ordered after the connection-check post-processor, so that the routing wraps the
 * checked pool: system-scope connections (opened for one transaction and closed, never
 * pooled) are not handed to the pool's eviction.
 */
public final class SystemScopeDataSourcePostProcessor implements BeanPostProcessor, Ordered {

	private final ObjectProvider<FoundationSchemaMigration> migrations;

	private final ConfigurableListableBeanFactory beanFactory;

	/**
	 * Creates the post-processor.
	 * @param migrations the foundation's migration, whose data source connects as the
	 * owning role
	 * @param beanFactory where the data sources are defined
	 */
	public SystemScopeDataSourcePostProcessor(ObjectProvider<FoundationSchemaMigration> migrations,
			ConfigurableListableBeanFactory beanFactory) {
		this.migrations = migrations;
		this.beanFactory = beanFactory;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		// Only the data source the foundation migrates (the single or primary one):
		// another database has no
		// tenant-owned tables of the foundation and must never be swapped for the
		// migration role's.
		if (bean instanceof DataSource dataSource && isMain(beanName) && !isRouting(dataSource)) {
			return new SystemScopeDataSource(dataSource, () -> systemScope(dataSource));
		}
		return bean;
	}

	private boolean isMain(String beanName) {
		String[] names = this.beanFactory.getBeanNamesForType(DataSource.class, false, false);
		if (names.length == 1) {
			return names[0].equals(beanName);
		}
		return this.beanFactory.containsBeanDefinition(beanName)
				&& this.beanFactory.getBeanDefinition(beanName).isPrimary();
	}

	// The migration role's data source when the foundation migrates with a role of its
	// own; otherwise the
	// application already connects as the owner and the system scope needs no other
	// connection.
	private DataSource systemScope(DataSource application) {
		FoundationSchemaMigration migration = this.migrations.getIfAvailable();
		if (migration == null) {
			return application;
		}
		DataSource migrating = migration.getDataSource();
		return isRouting(migrating) ? application : migrating;
	}

	private static boolean isRouting(DataSource dataSource) {
		try {
			return dataSource.isWrapperFor(SystemScopeDataSource.class);
		}
		catch (SQLException | RuntimeException ex) {
			return false;
		}
	}

}
