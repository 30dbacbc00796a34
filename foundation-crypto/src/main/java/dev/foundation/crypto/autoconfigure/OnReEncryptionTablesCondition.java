package dev.foundation.crypto.autoconfigure;

import dev.foundation.crypto.EncryptedTable;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;

/**
 * Whether the re-encryption job has tables to walk: {@link EncryptedTable} beans are
 * declared, or a JPA entity manager factory (Hibernate) whose {@code @Encrypted} mappings
 * name them.
 */
class OnReEncryptionTablesCondition extends AnyNestedCondition {

	OnReEncryptionTablesCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnBean(EncryptedTable.class)
	static class DeclaredTables {

	}

	@ConditionalOnClass(name = { "org.hibernate.SessionFactory",
			"org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer" })
	@ConditionalOnBean(type = "jakarta.persistence.EntityManagerFactory")
	static class MappedTables {

	}

}
