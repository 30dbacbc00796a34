package dev.foundation.core.auth.autoconfigure;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.foundation.core.auth.AuthEvents;
import dev.foundation.core.auth.apikey.ApiKeyAuthenticationFilter;
import dev.foundation.core.auth.apikey.ApiKeyService;
import dev.foundation.core.auth.health.JwksHealthIndicator;
import dev.foundation.core.auth.jwt.JwksSettings;
import dev.foundation.core.auth.jwt.JwtDecoderFactory;
import dev.foundation.core.auth.jwt.TrustedIssuer;
import dev.foundation.core.auth.jwt.TrustedIssuerRegistry;
import dev.foundation.core.auth.web.AuthenticatedUserContextFilter;
import dev.foundation.core.auth.web.ProblemAccessDeniedHandler;
import dev.foundation.core.auth.web.ProblemAuthenticationEntryPoint;
import dev.foundation.core.auth.web.ProblemAuthenticationFailureHandler;
import dev.foundation.core.auth.web.SecurityExceptionPassThrough;
import dev.foundation.core.auth.web.SizeLimitedBearerTokenResolver;
import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.error.web.ProblemResponseWriter;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * Authentication: bearer tokens of the configured issuers (Supabase, Clerk, custom) on
 * Spring Security's OAuth2 resource server, routed by {@code iss}; stateless sessions;
 * 401/403 as problem+json; CORS from properties.
 * <p>
 * Runs before Boot's security auto-configurations, whose defaults (a generated password,
 * form login, a resource server from {@code spring.security.oauth2.resourceserver.*})
 * then back off. Every bean backs off to one of the application's own.
 */
@AutoConfiguration(
		afterName = { "io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
				"io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration",
				"dev.foundation.core.error.autoconfigure.ErrorHandlingAutoConfiguration" },
		beforeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnClass({ SecurityFilterChain.class, BearerTokenAuthenticationFilter.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "foundation.auth.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AuthProperties.class)
@Import({ AuthMetricsConfiguration.class, JwksMetricsConfiguration.class })
public final class AuthAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(AuthAutoConfiguration.class);

	AuthAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	JwtDecoderFactory foundationJwtDecoderFactory(AuthProperties properties, ObjectProvider<RetryRegistry> retries,
			ObjectProvider<CircuitBreakerRegistry> circuitBreakers, ObjectProvider<AuthEvents> events) {
		JwksProperties jwks = properties.getJwks();
		// Nimbus's own constraints between these settings, checked here so that the error
		// names the property.
		if (jwks.getCacheTtl().compareTo(jwks.getMinRefreshInterval()) <= 0) {
			throw new InvalidFoundationPropertyException("foundation.auth.jwks.cache-ttl",
					"it must be longer than foundation.auth.jwks.min-refresh-interval (" + jwks.getMinRefreshInterval()
							+ ")",
					"raise cache-ttl (default 10m) or lower min-refresh-interval");
		}
		if (jwks.getRefreshAhead().plus(jwks.getReadTimeout().multipliedBy(2)).compareTo(jwks.getCacheTtl()) > 0) {
			throw new InvalidFoundationPropertyException("foundation.auth.jwks.refresh-ahead",
					"refresh-ahead plus two read timeouts must fit within cache-ttl (" + jwks.getCacheTtl() + ")",
					"lower refresh-ahead or read-timeout, or raise cache-ttl");
		}
		if (jwks.getMaxAttempts() < 1) {
			throw new InvalidFoundationPropertyException("foundation.auth.jwks.max-attempts", "it must be at least 1",
					"set 1 (no retry) or more");
		}
		JwksSettings settings = new JwksSettings(jwks.getCacheTtl(), jwks.getRefreshAhead(),
				jwks.getMinRefreshInterval(), jwks.getOutageTolerance(), jwks.getConnectTimeout(),
				jwks.getReadTimeout(), jwks.getMaxAttempts());
		return new JwtDecoderFactory(settings, retries.getIfAvailable(RetryRegistry::ofDefaults),
				circuitBreakers.getIfAvailable(CircuitBreakerRegistry::ofDefaults),
				events.getIfAvailable(() -> AuthEvents.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	TrustedIssuerRegistry foundationTrustedIssuers(AuthProperties properties, JwtDecoderFactory decoders) {
		List<TrustedIssuer> issuers = new TrustedIssuers(properties, decoders, Clock.systemUTC()).create();
		if (issuers.isEmpty() && !properties.getApiKeys().isEnabled()) {
			throw new InvalidFoundationPropertyException("foundation.auth",
					"authentication is on but no token issuer is configured, so no request could ever authenticate",
					"set foundation.auth.supabase.url, foundation.auth.clerk.issuer or foundation.auth.issuers.<name>.*"
							+ " (see docs/auth.md), or foundation.auth.enabled=false");
		}
		issuers.forEach((issuer) -> logger.info("Trusting {} tokens of issuer {} ({})", issuer.provider(),
				issuer.issuer(), issuer.name()));
		return new TrustedIssuerRegistry(issuers);
	}

	/**
	 * Picks the issuer by the token's {@code iss} and hands it the token parsed once; an
	 * unknown issuer is rejected before any key is fetched.
	 */
	@Bean
	@ConditionalOnMissingBean
	AuthenticationManagerResolver<HttpServletRequest> foundationAuthenticationManagerResolver(
			TrustedIssuerRegistry issuers) {
		AuthenticationManager manager = issuers.authenticationManager();
		return (request) -> manager;
	}

	@Bean
	@ConditionalOnMissingBean
	BearerTokenResolver foundationBearerTokenResolver(AuthProperties properties) {
		return new SizeLimitedBearerTokenResolver((int) properties.getMaxTokenSize().toBytes());
	}

	/**
	 * Lets method security's denials reach Spring Security rather than the foundation's
	 * catch-all handler (a 500).
	 */
	@Bean
	@ConditionalOnMissingBean
	SecurityExceptionPassThrough foundationSecurityExceptionPassThrough() {
		return new SecurityExceptionPassThrough();
	}

	/**
	 * Spring Security observes every filter of its chain when an observation registry
	 * exists (actuator), unless told otherwise by this bean; its own recommended defaults
	 * leave the filter chain out.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SecurityObservationSettings securityObservationSettings(AuthProperties properties) {
			SecurityObservationProperties observations = properties.getObservations();
			return SecurityObservationSettings.withDefaults()
				.shouldObserveRequests(observations.isFilterChain())
				.shouldObserveAuthentications(observations.isAuthentications())
				.shouldObserveAuthorizations(observations.isAuthorizations())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "jwksHealthIndicator")
		HealthIndicator jwksHealthIndicator(JwtDecoderFactory decoders) {
			return new JwksHealthIndicator(decoders.circuitBreakers());
		}

	}

	/**
	 * The foundation's chain, for every request that no chain of the application's
	 * claims. An application chain for some paths only (e.g.
	 * {@code securityMatcher("/webhooks/**")}) is consulted first and leaves every other
	 * path to this one; an application chain matching any request replaces it.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableWebSecurity
	static class FilterChainConfiguration {

		private static final String NAME = "foundationSecurityFilterChain";

		// Last: Spring Security consults chains in order, and one matching any request
		// must come after all others.
		// Application chains without an order are last too; equal orders keep their
		// definition order, in which
		// the application's come before auto-configuration's.
		@Bean(NAME)
		@Order(Ordered.LOWEST_PRECEDENCE)
		@Nullable SecurityFilterChain foundationSecurityFilterChain(ListableBeanFactory beans, HttpSecurity http,
				AuthProperties properties, AuthenticationManagerResolver<HttpServletRequest> managers,
				BearerTokenResolver bearerTokens, ObjectProvider<ProblemResponseWriter> problemWriter,
				ObjectProvider<CorsConfigurationSource> cors, ObjectProvider<ApiKeyService> apiKeys,
				ObjectProvider<AuthEvents> authEvents) throws Exception {
			String anyRequestChain = applicationChainMatchingAnyRequest(beans);
			if (anyRequestChain != null) {
				// No bean (Spring skips a null bean when it collects the chains): the
				// application's chain decides.
				logger.info("Security filter chain '{}' matches every request; the foundation's chain is not used",
						anyRequestChain);
				return null;
			}
			ProblemResponseWriter problems = problemWriter.getIfAvailable();
			AuthEvents events = authEvents.getIfAvailable(() -> AuthEvents.NONE);
			var entryPoint = new ProblemAuthenticationEntryPoint(problems, events);
			var accessDenied = new ProblemAccessDeniedHandler(problems);
			String[] publicPaths = properties.getPublicPaths().toArray(String[]::new);
			String operatorRole = operatorRole(properties);
			http.csrf(AbstractHttpConfigurer::disable)
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.requestCache(AbstractHttpConfigurer::disable)
				.formLogin(AbstractHttpConfigurer::disable)
				.httpBasic(AbstractHttpConfigurer::disable)
				.logout(AbstractHttpConfigurer::disable)
				.anonymous(AbstractHttpConfigurer::disable)
				.authorizeHttpRequests((requests) -> {
					if (!properties.getCors().getAllowedOrigins().isEmpty()) {
						requests.requestMatchers(HttpMethod.OPTIONS, "/**").permitAll();
					}
					requests.requestMatchers(publicPaths).permitAll();
					RequestMatcher endpoints = OperatorEndpoints.matcher();
					if (endpoints != null) {
						requests.requestMatchers(endpoints).hasRole(operatorRole);
					}
					requests.anyRequest().authenticated();
				})
				.oauth2ResourceServer((resourceServer) -> resourceServer.authenticationManagerResolver(managers)
					.bearerTokenResolver(bearerTokens)
					.authenticationEntryPoint(entryPoint)
					.accessDeniedHandler(accessDenied)
					.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {

						@Override
						public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
							// Unreachable keys are a 503, not the 500 Spring Security's
							// rethrow would end in.
							filter.setAuthenticationFailureHandler(
									new ProblemAuthenticationFailureHandler(entryPoint, problems, events));
							return filter;
						}

					}))
				.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
					.accessDeniedHandler(accessDenied))
				.addFilterAfter(new AuthenticatedUserContextFilter(), BearerTokenAuthenticationFilter.class);
			ApiKeyService apiKeyService = properties.getApiKeys().isEnabled() ? apiKeys.getIfAvailable() : null;
			if (apiKeyService != null) {
				http.addFilterBefore(new ApiKeyAuthenticationFilter(properties.getApiKeys().getHeader(), apiKeyService,
						entryPoint, events), BearerTokenAuthenticationFilter.class);
			}
			// The application's own source, else the properties'. Spring MVC's
			// HandlerMappingIntrospector is a
			// CorsConfigurationSource too: taking it would ignore foundation.auth.cors.*
			// (and fail next to a user's).
			Optional<CorsConfigurationSource> corsSource = cors.orderedStream()
				.filter((source) -> !(source instanceof HandlerMappingIntrospector))
				.findFirst()
				.or(() -> corsSource(properties.getCors()));
			if (corsSource.isPresent()) {
				CorsConfigurationSource source = corsSource.get();
				http.cors((configurer) -> configurer.configurationSource(source));
			}
			return http.build();
		}

		private static String operatorRole(AuthProperties properties) {
			String role = properties.getOperatorRole();
			if (!StringUtils.hasText(role) || role.startsWith("ROLE_") || !role.equals(role.trim())) {
				throw new InvalidFoundationPropertyException("foundation.auth.operator-role",
						"'" + role + "' is not a role name (blank, surrounded by spaces or with the ROLE_ prefix)",
						"set a role name without the ROLE_ prefix, e.g. operator");
			}
			return role;
		}

		private static @Nullable String applicationChainMatchingAnyRequest(ListableBeanFactory beans) {
			for (String name : beans.getBeanNamesForType(SecurityFilterChain.class, false, false)) {
				if (!name.equals(NAME) && beans.getBean(name) instanceof DefaultSecurityFilterChain chain
						&& chain.getRequestMatcher() instanceof AnyRequestMatcher) {
					return name;
				}
			}
			return null;
		}

		private static Optional<CorsConfigurationSource> corsSource(CorsProperties properties) {
			if (properties.getAllowedOrigins().isEmpty()) {
				return Optional.empty();
			}
			CorsConfiguration configuration = new CorsConfiguration();
			configuration.setAllowedOrigins(properties.getAllowedOrigins());
			configuration.setAllowedMethods(properties.getAllowedMethods());
			configuration.setAllowedHeaders(properties.getAllowedHeaders());
			configuration.setExposedHeaders(properties.getExposedHeaders());
			configuration.setAllowCredentials(properties.isAllowCredentials());
			configuration.setMaxAge(properties.getMaxAge());
			UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
			source.registerCorsConfiguration("/**", configuration);
			return Optional.of(source);
		}

	}

}
