package dev.foundation.benchmarks;

import dev.foundation.tenancy.persistence.TenantScopeIdentifierResolver;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.orm.jpa.persistenceunit.PersistenceManagedTypes;

/**
 * The Boot application of {@link TenancyReadBenchmark}: everything auto-configured from
 * the foundation (Spring Security with the foundation's resource server, tenant
 * resolution, tenant isolation) plus one entity, its repository and
 * {@link TenantNotesController}. Nothing is component-scanned, and only this entity and
 * repository are managed, so the other benchmarks' classes in this package stay out.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableJpaRepositories(basePackageClasses = TenantNoteRepository.class,
		includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = TenantNoteRepository.class))
@Import(TenantNotesController.class)
class TenantNotesApplication {

	@Bean
	static PersistenceManagedTypes tenantNoteTypes() {
		return PersistenceManagedTypes.of(TenantNote.class.getName());
	}

	/**
	 * With {@code foundation.tenancy.isolation.enabled=false} the foundation gives
	 * Hibernate no tenant either; the "RLS off" variant keeps Hibernate's
	 * {@code @TenantId} restriction by registering the same resolver itself, so that the
	 * two variants differ only in row-level security and the per-transaction binding.
	 * @return the customizer
	 */
	@Bean
	TenantNoteUpdates tenantNoteUpdates(TenantNoteRepository notes) {
		return new TenantNoteUpdates(notes);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "foundation.tenancy.isolation.enabled", havingValue = false)
	HibernatePropertiesCustomizer hibernateTenantRestrictionWithoutIsolation() {
		return (properties) -> properties.put("hibernate.tenant_identifier_resolver",
				new TenantScopeIdentifierResolver());
	}

}
