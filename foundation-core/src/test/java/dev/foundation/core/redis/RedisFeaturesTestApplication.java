package dev.foundation.core.redis;

import java.io.IOException;

import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.core.auth.autoconfigure.AuthAutoConfiguration;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.core.context.autoconfigure.RequestContextAutoConfiguration;
import dev.foundation.core.error.autoconfigure.ErrorHandlingAutoConfiguration;
import dev.foundation.core.jobs.autoconfigure.JobStreamAutoConfiguration;
import dev.foundation.core.ratelimit.RateLimit;
import dev.foundation.core.ratelimit.RateLimitKey;
import dev.foundation.core.ratelimit.autoconfigure.RateLimitAutoConfiguration;
import dev.foundation.core.redis.autoconfigure.FoundationRedisAutoConfiguration;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An application with the foundation's Redis features over a real Tomcat and security
 * chain, started (once or twice) by the integration tests. The tenant comes from
 * {@value #TENANT_HEADER} on authenticated requests, as tenancy's resolution filter would
 * bind it.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
		DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
		HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
		TaskExecutionAutoConfiguration.class, SecurityAutoConfiguration.class,
		ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
		SecurityFilterAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class,
		MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		SimpleMetricsExportAutoConfiguration.class, RequestContextAutoConfiguration.class,
		ErrorHandlingAutoConfiguration.class, AuthAutoConfiguration.class, DataRedisAutoConfiguration.class,
		FoundationRedisAutoConfiguration.class, RateLimitAutoConfiguration.class, JobStreamAutoConfiguration.class })
@Import(RedisFeaturesTestApplication.Endpoints.class)
public class RedisFeaturesTestApplication {

	/** The header the test tenant filter reads. */
	public static final String TENANT_HEADER = "X-Test-Tenant";

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> testTenantFilter() {
		var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
				String tenant = request.getHeader(TENANT_HEADER);
				if (authentication != null && authentication.getPrincipal() instanceof FoundationPrincipal
						&& tenant != null) {
					RequestContexts.replace(RequestContexts.current().withTenantId(tenant));
				}
				chain.doFilter(request, response);
			}

		});
		registration.setOrder(-100 + 10);
		return registration;
	}

	@RestController
	static class Endpoints {

		@GetMapping("/limited/tenant")
		String limitedPerTenant() {
			return "ok";
		}

		@GetMapping("/limited/closed")
		String limitedFailClosed() {
			return "ok";
		}

		@RateLimit(limit = "3/1m", per = RateLimitKey.USER, name = "annotated")
		@GetMapping("/annotated")
		String annotated() {
			return "ok";
		}

		@GetMapping("/free")
		String free() {
			return "ok";
		}

	}

}
