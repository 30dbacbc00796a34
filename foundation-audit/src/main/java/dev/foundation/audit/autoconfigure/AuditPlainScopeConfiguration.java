package dev.foundation.audit.autoconfigure;

import javax.sql.DataSource;

import dev.foundation.audit.AuditTenantScope;
import dev.foundation.audit.internal.ChainTransactions;
import dev.foundation.audit.internal.RequestContextAuditTenantScope;
import dev.foundation.core.persistence.autoconfigure.FoundationSchemaProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Without tenancy: the request context's tenant, nothing bound in the database.
 */
@Configuration(proxyBeanMethods = false)
class AuditPlainScopeConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AuditTenantScope auditTenantScope() {
		return new RequestContextAuditTenantScope();
	}

	@Bean
	@ConditionalOnMissingBean
	ChainTransactions auditChainTransactions(AuditTenantScope scope, DataSource dataSource,
			FoundationSchemaProperties schema) {
		return AuditAutoConfiguration.chainTransactions(scope, new JdbcTransactionManager(dataSource), dataSource,
				schema);
	}

}
