package dev.foundation.audit.autoconfigure;

import java.time.Clock;

import dev.foundation.audit.AuditChainVerifier;
import dev.foundation.audit.AuditEventQuery;
import dev.foundation.audit.AuditLog;
import dev.foundation.audit.AuditTenantScope;
import dev.foundation.audit.internal.AuditWriterMetrics;
import dev.foundation.audit.internal.FloodGate;
import dev.foundation.audit.web.AuditEventController;
import dev.foundation.audit.web.SecurityAuditFilter;
import dev.foundation.tenancy.web.RequireTenantRole;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * The servlet side: the security-event filter and, with tenancy, the endpoints.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(AuditWebConfiguration.Endpoints.class)
class AuditWebConfiguration {

	// Just inside the request-context filter (HIGHEST_PRECEDENCE), around Spring
	// Security and tenancy, so their 401s and 403s are seen.
	static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

	@Bean
	@ConditionalOnBooleanProperty(name = "foundation.audit.security.enabled", matchIfMissing = true)
	@ConditionalOnMissingBean(name = "securityAuditFilter")
	FilterRegistrationBean<SecurityAuditFilter> securityAuditFilter(AuditLog log, AuditTenantScope scope,
			AuditProperties properties, ObjectProvider<AuditWriterMetrics> metrics) {
		AuditProperties.Security security = properties.getSecurity();
		SecurityAuditFilter filter = new SecurityAuditFilter(log, scope,
				new FloodGate(Clock.systemUTC(), security.getFloodWindow(), security.getFloodThreshold(),
						security.getFloodMaxEvents()),
				security.getFloodWindow(), metrics.getIfAvailable(() -> AuditWriterMetrics.NONE),
				security.isWaitForCommit());
		FilterRegistrationBean<SecurityAuditFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(FILTER_ORDER);
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RequireTenantRole.class)
	@ConditionalOnBooleanProperty(name = "foundation.audit.web.enabled", matchIfMissing = true)
	static class Endpoints {

		@Bean
		@ConditionalOnMissingBean
		AuditEventController auditEventController(AuditEventQuery query, AuditChainVerifier verifier,
				AuditTenantScope scope) {
			return new AuditEventController(query, verifier, scope);
		}

	}

}
