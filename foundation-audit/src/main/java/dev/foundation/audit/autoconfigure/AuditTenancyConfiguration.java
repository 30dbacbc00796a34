package dev.foundation.audit.autoconfigure;

import javax.sql.DataSource;

import dev.foundation.audit.AuditLog;
import dev.foundation.audit.AuditTenantScope;
import dev.foundation.audit.internal.ChainTransactions;
import dev.foundation.audit.internal.TenancyAuditListener;
import dev.foundation.audit.internal.TenancyAuditTenantScope;
import dev.foundation.core.persistence.autoconfigure.FoundationSchemaProperties;
import dev.foundation.tenancy.persistence.TenantScope;
import dev.foundation.tenancy.rls.TenantBindingDataSourceTransactionManager;
import dev.foundation.tenancy.rls.TenantTransactionBinding;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Glue with {@code foundation-tenancy}: chains are written with the tenant bound (by
 * tenancy's binding, on a JDBC transaction manager of the writer's own, lighter than a
 * JPA one), and tenant and membership changes are recorded.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(TenantScope.class)
class AuditTenancyConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AuditTenantScope auditTenantScope() {
		return new TenancyAuditTenantScope();
	}

	@Bean
	@ConditionalOnMissingBean
	ChainTransactions auditChainTransactions(AuditTenantScope scope, DataSource dataSource,
			ObjectProvider<TenantTransactionBinding> binding, FoundationSchemaProperties schema) {
		TenantTransactionBinding tenantBinding = binding.getIfAvailable();
		JdbcTransactionManager writer = (tenantBinding != null)
				? new TenantBindingDataSourceTransactionManager(dataSource, tenantBinding)
				: new JdbcTransactionManager(dataSource);
		return AuditAutoConfiguration.chainTransactions(scope, writer, dataSource, schema);
	}

	@Bean
	@ConditionalOnMissingBean
	TenancyAuditListener tenancyAuditListener(AuditLog log) {
		return new TenancyAuditListener(log);
	}

}
