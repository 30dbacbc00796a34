package dev.foundation.core.persistence.autoconfigure;

import java.util.Set;

import dev.foundation.core.persistence.FoundationSchemaMigration;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Declares {@link FoundationSchemaMigration} a database initializer ordered before
 * Flyway's (orders 0 and 1): Boot then makes the application's Flyway, its migrations and
 * JPA depend on it.
 */
class FoundationSchemaInitializerDetector implements DatabaseInitializerDetector {

	private static final boolean FLYWAY_PRESENT = ClassUtils.isPresent("org.flywaydb.core.Flyway",
			FoundationSchemaInitializerDetector.class.getClassLoader());

	@Override
	public Set<String> detect(ConfigurableListableBeanFactory beanFactory) {
		if (!FLYWAY_PRESENT) {
			return Set.of();
		}
		return Set.of(beanFactory.getBeanNamesForType(FoundationSchemaMigration.class, true, false));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

}
