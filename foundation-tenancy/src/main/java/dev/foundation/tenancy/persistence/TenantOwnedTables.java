package dev.foundation.tenancy.persistence;

import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The tables of the {@link TenantOwnedEntity} subclasses mapped by an entity manager
 * factory, as Hibernate names them in SQL (after naming strategies).
 */
public final class TenantOwnedTables {

	private TenantOwnedTables() {
	}

	/**
	 * Lists the tables of tenant-owned entities.
	 * @param entityManagerFactory a Hibernate entity manager factory
	 * @return the table names, sorted
	 */
	public static Set<String> of(EntityManagerFactory entityManagerFactory) {
		Set<String> tables = new TreeSet<>();
		entityManagerFactory.unwrap(SessionFactoryImplementor.class)
			.getMappingMetamodel()
			.forEachEntityDescriptor((EntityPersister persister) -> {
				if (TenantOwnedEntity.class.isAssignableFrom(persister.getMappedClass())) {
					for (String table : persister.getTableNames()) {
						tables.add(table);
					}
				}
			});
		return tables;
	}

}
