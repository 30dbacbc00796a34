package dev.foundation.core.context.autoconfigure;

import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.context.ClientIpResolver;
import dev.foundation.core.context.CorrelationIdPropagatingInterceptor;
import dev.foundation.core.context.RequestContextFilter;
import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * Request context: the first servlet filter, propagation to executors and {@code @Async}
 * methods, and the correlation id on outbound {@code RestClient} calls.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration")
@ConditionalOnBooleanProperty(name = "foundation.context.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RequestContextProperties.class)
public final class RequestContextAutoConfiguration {

	RequestContextAutoConfiguration() {
	}

	/**
	 * Executors built by Boot's {@code ThreadPoolTaskExecutorBuilder} (and so
	 * {@code @Async}) use this decorator: it captures every registered
	 * context-propagation accessor, the request context among them.
	 */
	@Bean
	@ConditionalOnMissingBean(TaskDecorator.class)
	ContextPropagatingTaskDecorator contextPropagatingTaskDecorator() {
		return new ContextPropagatingTaskDecorator();
	}

	@Bean
	@ConditionalOnMissingBean
	ClientIpResolver clientIpResolver(RequestContextProperties properties) {
		try {
			return new ClientIpResolver(properties.getTrustedProxies());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFoundationPropertyException("foundation.context.trusted-proxies", ex,
					"list IP addresses or CIDR ranges such as 10.0.0.0/8 or 2001:db8::/32");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "requestContextFilterRegistration")
		FilterRegistrationBean<RequestContextFilter> requestContextFilterRegistration(
				RequestContextProperties properties, ClientIpResolver clientIpResolver) {
			var filter = new RequestContextFilter(properties.getRequestIdHeader(), properties.getMaxRequestIdLength(),
					clientIpResolver, properties.isLogRequests());
			try {
				filter.setQuietPaths(properties.getQuietPaths());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidFoundationPropertyException("foundation.context.quiet-paths", ex,
						"use path patterns such as /actuator/health/**");
			}
			var registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientCustomizer.class)
	@ConditionalOnBooleanProperty(name = "foundation.context.propagate-to-outbound-calls", matchIfMissing = true)
	static class RestClientConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "correlationIdRestClientCustomizer")
		RestClientCustomizer correlationIdRestClientCustomizer(RequestContextProperties properties) {
			var interceptor = new CorrelationIdPropagatingInterceptor(properties.getRequestIdHeader());
			return (builder) -> builder.requestInterceptor(interceptor);
		}

	}

}
