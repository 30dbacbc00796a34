package dev.foundation.tenancy.rls;

import java.sql.SQLException;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.hibernate.Session;

import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;

/**
 * Hibernate's JPA dialect that binds the current tenant to every JPA transaction right
 * after it began, on the transaction's own connection (see
 * {@link TenantTransactionBinding}). JDBC code joining the transaction (a
 * {@code JdbcTemplate} on the same data source) runs on that connection and is bound too.
 */
public class TenantBindingJpaDialect extends HibernateJpaDialect {

	private static final long serialVersionUID = 1L;

	private final transient TenantTransactionBinding binding;

	/**
	 * Creates the dialect.
	 * @param binding what binds the tenant
	 */
	public TenantBindingJpaDialect(TenantTransactionBinding binding) {
		this.binding = binding;
	}

	@Override
	public Object beginTransaction(EntityManager entityManager, TransactionDefinition definition)
			throws PersistenceException, SQLException, TransactionException {
		Object transactionData = super.beginTransaction(entityManager, definition);
		entityManager.unwrap(Session.class).doWork(this.binding::bind);
		return transactionData;
	}

}
