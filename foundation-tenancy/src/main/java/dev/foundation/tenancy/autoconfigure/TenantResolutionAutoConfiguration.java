package dev.foundation.tenancy.autoconfigure;

import java.time.Duration;

import dev.foundation.core.cache.CacheSettings;
import dev.foundation.core.cache.FoundationCaches;
import dev.foundation.core.cache.autoconfigure.FoundationCacheAutoConfiguration;
import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.error.web.ProblemResponseWriter;
import dev.foundation.tenancy.TenantDirectory;
import dev.foundation.tenancy.resolution.ClaimTenantResolver;
import dev.foundation.tenancy.resolution.HeaderTenantResolver;
import dev.foundation.tenancy.resolution.SubdomainTenantResolver;
import dev.foundation.tenancy.resolution.TenantCacheInvalidation;
import dev.foundation.tenancy.resolution.TenantRequiredPaths;
import dev.foundation.tenancy.resolution.TenantResolution;
import dev.foundation.tenancy.resolution.TenantResolutionCache;
import dev.foundation.tenancy.resolution.TenantResolutionEvents;
import dev.foundation.tenancy.resolution.TenantResolver;
import dev.foundation.tenancy.resolution.TenantRoles;
import dev.foundation.tenancy.web.RequireTenantRoleInterceptor;
import dev.foundation.tenancy.web.TenantResolutionFilter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
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
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Tenant resolution: the built-in resolvers (token claim, header, subdomain), the
 * application's {@link TenantResolver} beans, the {@link TenantResolution} that checks
 * their result against the {@link TenantDirectory}, and the {@code tenantRoles} bean for
 * Spring Security expressions; in Spring MVC applications, the filter that resolves each
 * authenticated request's tenant (ordered just after Spring Security's filter chain) and
 * the interceptor enforcing {@code @RequireTenantRole}.
 * <p>
 * Found tenants and memberships are kept in the foundation's caches
 * ({@link FoundationCaches}: in memory and, when the application has Redis, in Redis);
 * changes made through the directory bump the tenant's namespace on every instance.
 */
@AutoConfiguration(after = { TenancyAutoConfiguration.class, FoundationCacheAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "foundation.tenancy.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "foundation.tenancy.resolution.enabled", matchIfMissing = true)
@ConditionalOnBean(TenantDirectory.class)
@EnableConfigurationProperties({ TenantResolutionProperties.class, TenancyProperties.class })
public final class TenantResolutionAutoConfiguration {

	// As many tenants and memberships as the in-process tier keeps (per cache).
	private static final long LOCAL_ENTRIES = 10_000;

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
	TenantResolutionCache tenantResolutionCache(TenantResolutionProperties properties, FoundationCaches caches) {
		requireNotNegative("foundation.tenancy.resolution.cache-ttl", properties.getCacheTtl());
		TenantResolutionProperties.Redis redis = properties.getCache().getRedis();
		if (redis.getTtl().isNegative() || redis.getTtl().isZero()) {
			throw new InvalidFoundationPropertyException("foundation.tenancy.resolution.cache.redis.ttl",
					"must be positive, but is " + redis.getTtl(),
					"set a positive duration such as 5m, or turn the Redis tier off with "
							+ "foundation.tenancy.resolution.cache.redis.enabled=false");
		}
		Duration local = properties.getCacheTtl();
		boolean localTier = !local.isZero();
		return new TenantResolutionCache(caches, new CacheSettings(redis.getTtl(), redis.isEnabled(),
				localTier ? LOCAL_ENTRIES : 0, localTier ? local : Duration.ofSeconds(1), false));
	}

	// One bean, both listener types: ordered first among the listeners (see
	// TenantCacheInvalidation).
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	TenantCacheInvalidation tenantCacheInvalidation(ObjectProvider<TenantResolutionCache> cache) {
		return new TenantCacheInvalidation(cache::getIfAvailable);
	}

	@Bean
	@ConditionalOnMissingBean
	TenantResolution tenantResolution(ObjectProvider<TenantResolver> resolvers, TenantDirectory directory,
			TenantResolutionProperties properties, TenancyProperties tenancy, TenantResolutionCache cache,
			ObjectProvider<TenantResolutionEvents> events) {
		return new TenantResolution(resolvers.orderedStream().toList(), directory,
				new TenantRequiredPaths(properties.getRequiredPaths(), properties.getExcludedPaths()),
				tenancy.getProvisioning().isEnabled(), cache, events.getIfAvailable(() -> TenantResolutionEvents.NONE));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static final class ResolutionMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TenantResolutionEvents tenantResolutionEvents(ObjectProvider<MeterRegistry> registries) {
			MeterRegistry registry = registries.getIfAvailable();
			return (registry != null) ? new MicrometerTenantResolutionEvents(registry) : TenantResolutionEvents.NONE;
		}

	}

	static void requireNotNegative(String property, Duration value) {
		if (value.isNegative()) {
			throw new InvalidFoundationPropertyException(property, "must not be negative, but is " + value,
					"set a positive duration such as 30s, or 0 to turn this cache off");
		}
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
		FilterRegistrationBean<TenantResolutionFilter> tenantResolutionFilterRegistration(TenantResolution resolution,
				ObjectProvider<ProblemResponseWriter> problems, Environment environment) {
			FilterRegistrationBean<TenantResolutionFilter> registration = new FilterRegistrationBean<>(
					new TenantResolutionFilter(resolution, problems.getIfAvailable()));
			// Just after Spring Security's chain wherever the application puts it: before
			// it, no request would be
			// authenticated yet and every one would pass without a tenant.
			Integer securityOrder = environment.getProperty("spring.security.filter.order", Integer.class);
			registration.setOrder((securityOrder != null) ? securityOrder + 10 : TenantResolutionFilter.ORDER);
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
