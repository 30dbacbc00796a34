package dev.foundation.core.shutdown.autoconfigure;

import dev.foundation.core.error.web.ProblemResponseWriter;
import dev.foundation.core.shutdown.ShutdownGate;
import dev.foundation.core.shutdown.ShutdownRejectionFilter;
import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Requests that arrive once shutdown began get 503 problem+json instead of being started
 * (or, after the server stopped accepting, refused): a {@link ShutdownGate} that closes
 * just before Boot's graceful shutdown and a filter early in the chain.
 */
@AutoConfiguration(afterName = "dev.foundation.core.error.autoconfigure.ErrorHandlingAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ WebServerGracefulShutdownLifecycle.class, FilterRegistrationBean.class })
@ConditionalOnBooleanProperty(name = "foundation.shutdown.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ShutdownProperties.class)
public final class ShutdownAutoConfiguration {

	/** After the request context, nosniff and database-unavailable filters. */
	static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 3;

	ShutdownAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	ShutdownGate shutdownGate(ShutdownProperties properties) {
		return new ShutdownGate(properties.getDrainPeriod());
	}

	@Bean
	@ConditionalOnMissingBean(name = "shutdownRejectionFilterRegistration")
	@ConditionalOnBean(ProblemResponseWriter.class)
	FilterRegistrationBean<ShutdownRejectionFilter> shutdownRejectionFilterRegistration(ShutdownGate gate,
			ProblemResponseWriter problems, ShutdownProperties properties) {
		FilterRegistrationBean<ShutdownRejectionFilter> registration = new FilterRegistrationBean<>(
				new ShutdownRejectionFilter(gate, problems, properties.getRetryAfter()));
		registration.setOrder(FILTER_ORDER);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

}
