package dev.foundation.tenancy.autoconfigure;

import java.time.Clock;

import dev.foundation.tenancy.TenantDirectory;
import dev.foundation.tenancy.resolution.ClaimTenantResolver;
import dev.foundation.tenancy.resolution.HeaderTenantResolver;
import dev.foundation.tenancy.resolution.SubdomainTenantResolver;
import dev.foundation.tenancy.resolution.TenantRequiredPaths;
import dev.foundation.tenancy.resolution.TenantResolution;
import dev.foundation.tenancy.resolution.TenantResolver;
import dev.foundation.tenancy.resolution.TenantRoles;
import dev.foundation.tenancy.web.RequireTenantRoleInterceptor;
import dev.foundation.tenancy.web.TenantResolutionFilter;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Tenant resolution: the built-in resolvers (token claim, header, subdomain), the application's {@link TenantResolver}
 * beans, the {@link TenantResolution} that checks their result against the {@link TenantDirectory}, and the
 * {@code tenantRoles} bean for Spring Security expressions; in Spring MVC applications, the filter that resolves each
 * authenticated request's tenant (ordered just after Spring Security's filter chain) and the interceptor enforcing
 * {@code @RequireTenantRole}.
 */
@AutoConfiguration(after = TenancyAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "foundation.tenancy.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "foundation.tenancy.resolution.enabled", matchIfMissing = true)
@ConditionalOnBean(TenantDirectory.class)
@EnableConfigurationProperties({ TenantResolutionProperties.class, TenancyProperties.class })
public final class TenantResolutionAutoConfiguration {

	TenantResolutionAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "foundation.tenancy.resolution.claim.enabled", matchIfMissing = true)
	ClaimTenantResolver claimTenantResolver(TenantResolutionProperties properties) {
		return new ClaimTenantResolver(properties.getClaim().getOrder());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "foundation.tenancy.resolution.header.enabled", matchIfMissing = true)
	HeaderTenantResolver headerTenantResolver(TenantResolutionProperties properties) {
		return new HeaderTenantResolver(properties.getHeader().getName(), properties.getHeader().getOrder());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "foundation.tenancy.resolution.subdomain.enabled")
	SubdomainTenantResolver subdomainTenantResolver(TenantResolutionProperties properties) {
		String baseDomain = properties.getSubdomain().getBaseDomain();
		if (baseDomain == null || baseDomain.isBlank()) {
			throw new IllegalStateException("foundation.tenancy.resolution.subdomain.enabled=true needs "
					+ "foundation.tenancy.resolution.subdomain.base-domain, e.g. example.com");
		}
		return new SubdomainTenantResolver(baseDomain, properties.getSubdomain().getOrder());
	}

	@Bean
	@ConditionalOnMissingBean
	TenantResolution tenantResolution(ObjectProvider<TenantResolver> resolvers, TenantDirectory directory,
			TenantResolutionProperties properties, TenancyProperties tenancy) {
		return new TenantResolution(resolvers.orderedStream().toList(), directory,
				new TenantRequiredPaths(properties.getRequiredPaths(), properties.getExcludedPaths()),
				tenancy.getProvisioning().isEnabled(), properties.getCacheTtl(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(name = "tenantRoles")
	TenantRoles tenantRoles() {
		return new TenantRoles();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ Filter.class, WebMvcConfigurer.class })
	static final class WebConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "tenantResolutionFilterRegistration")
		FilterRegistrationBean<TenantResolutionFilter> tenantResolutionFilterRegistration(
				TenantResolution resolution,
				@Qualifier("handlerExceptionResolver") ObjectProvider<HandlerExceptionResolver> exceptionResolver) {
			FilterRegistrationBean<TenantResolutionFilter> registration = new FilterRegistrationBean<>(
					new TenantResolutionFilter(resolution, exceptionResolver.getIfAvailable()));
			registration.setOrder(TenantResolutionFilter.ORDER);
			return registration;
		}

		@Bean
		WebMvcConfigurer requireTenantRoleWebMvcConfigurer() {
			return new WebMvcConfigurer() {

				@Override
				public void addInterceptors(InterceptorRegistry registry) {
					registry.addInterceptor(new RequireTenantRoleInterceptor());
				}

			};
		}

	}

}
