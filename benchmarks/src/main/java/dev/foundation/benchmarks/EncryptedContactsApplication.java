package dev.foundation.benchmarks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;

/**
 * The Boot application of {@link EncryptedListHttpBenchmark}: everything auto-configured
 * from the foundation (resource server, tenant resolution, tenant isolation, field
 * encryption with the master key {@link EncryptedListServer} configures) plus the two
 * contact entities, their repositories and {@link EncryptedContactsController}. Nothing
 * is component-scanned, and only these entities and repositories are managed, so the
 * other benchmarks' classes in this package stay out.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableJpaRepositories(basePackageClasses = EncryptedContactRepository.class,
		includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE,
				classes = { EncryptedContactRepository.class, PlainContactRepository.class }))
@Import(EncryptedContactsController.class)
class EncryptedContactsApplication {

	@Bean
	static PersistenceManagedTypes contactTypes() {
		return PersistenceManagedTypes.of(EncryptedContact.class.getName(), PlainContact.class.getName());
	}

}
