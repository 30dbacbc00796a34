package dev.foundation.core.auth.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.foundation.core.auth.AuthEvents;
import dev.foundation.core.auth.jwt.JwksSettings;
import dev.foundation.core.auth.jwt.JwtDecoderFactory;
import dev.foundation.core.auth.jwt.TrustedIssuer;
import dev.foundation.core.auth.jwt.TrustedIssuerRegistry;
import dev.foundation.core.auth.web.SecurityExceptionPassThrough;
import dev.foundation.core.auth.web.SizeLimitedBearerTokenResolver;
import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.error.autoconfigure.ErrorHandlingAutoConfiguration;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Conditions of the authentication auto-configuration, with Boot's security, resource
 * server and MVC auto-configurations present as in an application.
 */
class AuthAutoConfigurationTests {

	private static final String SUPABASE = "foundation.auth.supabase.url=https://abcd.supabase.co";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
					UserDetailsServiceAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
					OAuth2ResourceServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
					WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
					JacksonAutoConfiguration.class, ErrorHandlingAutoConfiguration.class, AuthAutoConfiguration.class));

	@Test
	void failsWithoutAnyIssuerNamingFoundationAuth() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidFoundationPropertyException.class,
						(ex) -> assertThat(ex.getProperty()).isEqualTo("foundation.auth"));
		});
	}

	@Test
	void failsOnAnOperatorRoleWithThePrefixNamingIt() {
		this.contextRunner.withPropertyValues(SUPABASE, "foundation.auth.operator-role=ROLE_operator")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidFoundationPropertyException.class,
						(ex) -> assertThat(ex.getProperty()).isEqualTo("foundation.auth.operator-role")));
	}

	@Test
	void failsOnAnInvalidIssuerPropertyNamingIt() {
		this.contextRunner.withPropertyValues("foundation.auth.issuers.legacy.issuer=legacy",
				"foundation.auth.issuers.legacy.hmac-secret=too-short", "foundation.auth.issuers.legacy.audiences=api")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidFoundationPropertyException.class,
						(ex) -> assertThat(ex.getProperty()).isEqualTo("foundation.auth.issuers.legacy.hmac-secret")));
	}

	@Test
	void securityFilterChainIsNotObservedFilterByFilterUnlessAskedTo() {
		this.contextRunner.withPropertyValues(SUPABASE).run((context) -> {
			SecurityObservationSettings settings = context.getBean(SecurityObservationSettings.class);
			assertThat(settings.shouldObserveRequests()).isFalse();
			assertThat(settings.shouldObserveAuthentications()).isTrue();
			assertThat(settings.shouldObserveAuthorizations()).isTrue();
		});
		this.contextRunner
			.withPropertyValues(SUPABASE, "foundation.auth.observations.filter-chain=true",
					"foundation.auth.observations.authorizations=false")
			.run((context) -> {
				SecurityObservationSettings settings = context.getBean(SecurityObservationSettings.class);
				assertThat(settings.shouldObserveRequests()).isTrue();
				assertThat(settings.shouldObserveAuthorizations()).isFalse();
			});
		this.contextRunner.withPropertyValues(SUPABASE)
			.withBean(SecurityObservationSettings.class, SecurityObservationSettings::noObservations)
			.run((context) -> assertThat(
					context.getBean(SecurityObservationSettings.class).shouldObserveAuthentications())
				.isFalse());
	}

	@Test
	void apiKeysAloneAreEnoughToStart() {
		this.contextRunner.withPropertyValues("foundation.auth.api-keys.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(TrustedIssuerRegistry.class)
				.satisfies((registry) -> assertThat(registry.issuers()).isEmpty()));
	}

	@Test
	void doesNothingWhenDisabled() {
		this.contextRunner.withPropertyValues("foundation.auth.enabled=false", SUPABASE).run((context) -> {
			assertThat(context).hasNotFailed();
			assertNoFoundationAuthBeans(context);
		});
	}

	@Test
	void configuresBearerTokenAuthenticationForAnIssuer() {
		this.contextRunner.withPropertyValues(SUPABASE).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(SecurityFilterChain.class)
				.hasBean("foundationSecurityFilterChain")
				.hasSingleBean(JwtDecoderFactory.class)
				.hasSingleBean(TrustedIssuerRegistry.class)
				.hasSingleBean(AuthenticationManagerResolver.class)
				.hasSingleBean(BearerTokenResolver.class)
				.hasBean("jwksHealthIndicator")
				.hasSingleBean(SecurityExceptionPassThrough.class);
			assertThat(context.getBean(TrustedIssuerRegistry.class).issuers()).extracting(TrustedIssuer::issuer)
				.containsExactly("https://abcd.supabase.co/auth/v1");
			assertThat(context.getBean(BearerTokenResolver.class)).isInstanceOf(SizeLimitedBearerTokenResolver.class);
			assertThat(filters(context)).hasAtLeastOneElementOfType(BearerTokenAuthenticationFilter.class);
		});
	}

	@Test
	void makesNoNetworkCallAtStartup() {
		// An unroutable documentation address: any fetch at startup would fail or hang.
		this.contextRunner
			.withPropertyValues("foundation.auth.clerk.issuer=https://clerk.example.invalid",
					"foundation.auth.issuers.oidc.issuer-uri=https://oidc.example.invalid",
					"foundation.auth.issuers.oidc.audiences=api")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(TrustedIssuerRegistry.class)
				.satisfies((registry) -> assertThat(registry.issuers()).extracting(TrustedIssuer::name)
					.containsExactly("clerk", "oidc")));
	}

	@Test
	void routesTokensByIssuer() {
		this.contextRunner
			.withPropertyValues(SUPABASE, "foundation.auth.clerk.issuer=https://clerk.example.com",
					"foundation.auth.issuers.legacy.issuer=legacy",
					"foundation.auth.issuers.legacy.hmac-secret=a-legacy-jwt-secret-of-at-least-32-bytes!",
					"foundation.auth.issuers.legacy.audiences=api")
			.run((context) -> {
				TrustedIssuerRegistry registry = context.getBean(TrustedIssuerRegistry.class);
				assertThat(registry.issuers()).extracting(TrustedIssuer::name)
					.containsExactly("supabase", "clerk", "legacy");
				assertThat(registry.authenticationManager("https://clerk.example.com")).isPresent();
				assertThat(registry.authenticationManager("legacy")).isPresent();
				assertThat(registry.authenticationManager("https://evil.example.com")).isEmpty();
			});
	}

	@Test
	void jwksHealthIndicatorShowsEachIssuersCircuit() {
		this.contextRunner.withPropertyValues(SUPABASE, "foundation.auth.clerk.issuer=https://clerk.example.com")
			.run((context) -> {
				Health health = context.getBean("jwksHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsOnlyKeys("supabase", "clerk");
				assertThat(health.getDetails().get("supabase")).isInstanceOfSatisfying(Map.class,
						(details) -> assertThat(details).containsEntry("circuit", "CLOSED"));
			});
	}

	@Test
	void bindsKeySetRetryAndCircuitBreakerMetricsWithoutResilience4jsBootIntegration() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.github.resilience4j.springboot"))
			.withPropertyValues(SUPABASE)
			.run((context) -> {
				MeterRegistry meters = new SimpleMeterRegistry();
				context.getBean("jwksMeterBinder", MeterBinder.class).bindTo(meters);
				assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "jwks-supabase").gauges())
					.isNotEmpty();
				assertThat(meters.find("resilience4j.retry.calls").tag("name", "jwks-supabase").functionCounters())
					.isNotEmpty();
			});
	}

	@Test
	void countsRefusalsInTheApplicationsMeterRegistry() {
		this.contextRunner.withPropertyValues(SUPABASE)
			.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				assertThat(context.getBean(AuthEvents.class)).isInstanceOf(MicrometerAuthEvents.class);
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
				mvc.perform(get("/api/v1/things").header("Authorization", "Bearer not-a-jwt"));
				assertThat(context.getBean(MeterRegistry.class)
					.get("foundation.auth.failures")
					.tags("scheme", "bearer", "reason", "malformed")
					.counter()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void reportsNothingWithoutAMeterRegistry() {
		this.contextRunner.withPropertyValues(SUPABASE).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(AuthEvents.class)).isSameAs(AuthEvents.NONE);
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
			mvc.perform(get("/api/v1/things").header("Authorization", "Bearer not-a-jwt"));
		});
	}

	@Test
	void startsAndAuthenticatesWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.withPropertyValues(SUPABASE)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(AuthEvents.class);
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
				assertThat(mvc.perform(get("/api/v1/things")).andReturn().getResponse().getStatus()).isEqualTo(401);
			});
	}

	@Test
	void leavesMetricsToResilience4jsBootIntegrationWhenPresent() {
		this.contextRunner.withPropertyValues(SUPABASE)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("jwksMeterBinder"));
	}

	@Test
	void doesNotCreateBootsGeneratedPasswordUserDetailsService() {
		this.contextRunner.withPropertyValues(SUPABASE)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(UserDetailsService.class)
				.doesNotHaveBean(JwtDecoder.class));
	}

	@Test
	void jwksPropertiesReachTheFactory() {
		this.contextRunner
			.withPropertyValues(SUPABASE, "foundation.auth.jwks.cache-ttl=20m", "foundation.auth.jwks.max-attempts=3")
			.run((context) -> {
				JwksSettings settings = (JwksSettings) ReflectionTestUtils
					.getField(context.getBean(JwtDecoderFactory.class), "settings");
				assertThat(settings.cacheTtl()).isEqualTo(Duration.ofMinutes(20));
				assertThat(settings.maxAttempts()).isEqualTo(3);
			});
	}

	@Test
	void jwksCacheTtlNotAboveMinRefreshIntervalStopsStartup() {
		this.contextRunner.withPropertyValues(SUPABASE, "foundation.auth.jwks.cache-ttl=20s")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void publicPathsReplaceTheDefaults() {
		this.contextRunner.withPropertyValues(SUPABASE, "foundation.auth.public-paths=/open/**").run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
			// 404: through security to Spring MVC, which has no such endpoint.
			assertThat(mvc.perform(get("/open/anything")).andReturn().getResponse().getStatus()).isEqualTo(404);
			assertThat(mvc.perform(get("/api/v1/public/anything")).andReturn().getResponse().getStatus())
				.isEqualTo(401);
		});
	}

	@Test
	void defaultPublicPathsIncludeHealthAndPublicApi() {
		this.contextRunner.withPropertyValues(SUPABASE).run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
			assertThat(mvc.perform(get("/api/v1/public/anything")).andReturn().getResponse().getStatus())
				.isEqualTo(404);
			assertThat(mvc.perform(get("/actuator/health/liveness")).andReturn().getResponse().getStatus())
				.isEqualTo(404);
			assertThat(mvc.perform(get("/api/v1/private")).andReturn().getResponse().getStatus()).isEqualTo(401);
		});
	}

	@Test
	void maxTokenSizeLimitsTheBearerTokenResolver() {
		this.contextRunner.withPropertyValues(SUPABASE, "foundation.auth.max-token-size=1KB").run((context) -> {
			BearerTokenResolver resolver = context.getBean(BearerTokenResolver.class);
			assertThat(resolver.resolve(bearer("a".repeat(1024)))).hasSize(1024);
			assertThatExceptionOfType(InvalidBearerTokenException.class)
				.isThrownBy(() -> resolver.resolve(bearer("a".repeat(1025))));
		});
	}

	@Test
	void corsIsOffUntilOriginsAreAllowed() {
		this.contextRunner.withPropertyValues(SUPABASE)
			.run((context) -> assertThat(filters(context)).doesNotHaveAnyElementsOfTypes(CorsFilter.class));
	}

	@Test
	void corsComesFromPropertiesNotFromSpringMvc() {
		this.contextRunner
			.withPropertyValues(SUPABASE, "foundation.auth.cors.allowed-origins=https://app.example.com",
					"foundation.auth.cors.max-age=10m")
			.run((context) -> {
				CorsConfiguration configuration = corsSource(context)
					.getCorsConfiguration(new MockHttpServletRequest("GET", "/api/v1/things"));
				assertThat(configuration).isNotNull();
				assertThat(configuration.getAllowedOrigins()).containsExactly("https://app.example.com");
				assertThat(configuration.getMaxAge()).isEqualTo(600);
				assertThat(configuration.getExposedHeaders()).contains("X-Request-Id");
				assertThat(configuration.getAllowCredentials()).isFalse();
			});
	}

	@Test
	void corsBacksOffToUsersConfigurationSource() {
		CorsConfigurationSource userSource = new UrlBasedCorsConfigurationSource();
		this.contextRunner.withPropertyValues(SUPABASE, "foundation.auth.cors.allowed-origins=https://app.example.com")
			.withBean("corsConfigurationSource", CorsConfigurationSource.class, () -> userSource)
			.run((context) -> assertThat(corsSource(context)).isSameAs(userSource));
	}

	@Test
	void backsOffToUsersSecurityFilterChain() {
		this.contextRunner.withPropertyValues(SUPABASE)
			.withUserConfiguration(UserFilterChainConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("userFilterChain");
				// The decoders, issuer registry and resolver stay available to the user's
				// chain.
				assertThat(context).hasSingleBean(TrustedIssuerRegistry.class)
					.hasSingleBean(AuthenticationManagerResolver.class);
			});
	}

	@Test
	void webhookChainForOnePathDoesNotLeaveEveryOtherPathUnauthenticated() {
		this.contextRunner.withPropertyValues(SUPABASE)
			.withUserConfiguration(WebhookFilterChainConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				FilterChainProxy proxy = context.getBean(FilterChainProxy.class);
				// The application's narrow chain first, the foundation's for everything
				// else after it.
				assertThat(proxy.getFilterChains()).containsExactly(
						context.getBean("webhookFilterChain", SecurityFilterChain.class),
						context.getBean("foundationSecurityFilterChain", SecurityFilterChain.class));
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
				assertThat(mvc.perform(get("/api/v1/contacts")).andReturn().getResponse().getStatus()).isEqualTo(401);
				assertThat(mvc.perform(get("/webhooks/stripe")).andReturn().getResponse().getStatus()).isEqualTo(404);
			});
	}

	@Test
	void applicationChainMatchingAnyRequestReplacesTheFoundationsChain() {
		this.contextRunner.withPropertyValues(SUPABASE)
			.withUserConfiguration(UserFilterChainConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(FilterChainProxy.class).getFilterChains())
					.containsExactly(context.getBean("userFilterChain", SecurityFilterChain.class));
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
				assertThat(mvc.perform(get("/api/v1/contacts")).andReturn().getResponse().getStatus()).isEqualTo(404);
			});
	}

	@Test
	void backsOffToUsersJwtDecoderFactory() {
		this.contextRunner.withPropertyValues(SUPABASE)
			.withUserConfiguration(UserJwtDecoderFactoryConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(JwtDecoderFactory.class)).containsOnlyKeys("userDecoderFactory");
				assertThat(UserJwtDecoderFactoryConfiguration.CIRCUIT_BREAKERS.find("jwks-supabase")).isPresent();
			});
	}

	@Test
	void backsOffToUsersBearerTokenResolver() {
		this.contextRunner.withPropertyValues(SUPABASE)
			.withBean("userBearerTokenResolver", BearerTokenResolver.class, () -> (request) -> null)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(BearerTokenResolver.class))
					.containsOnlyKeys("userBearerTokenResolver");
				BearerTokenAuthenticationFilter filter = filters(context).stream()
					.filter(BearerTokenAuthenticationFilter.class::isInstance)
					.map(BearerTokenAuthenticationFilter.class::cast)
					.findFirst()
					.orElseThrow();
				Object converter = ReflectionTestUtils.getField(filter, "authenticationConverter");
				assertThat(ReflectionTestUtils.getField(converter, "bearerTokenResolver"))
					.isSameAs(context.getBean("userBearerTokenResolver"));
			});
	}

	@Test
	void backsOffToUsersAuthenticationManagerResolver() {
		this.contextRunner.withPropertyValues(SUPABASE)
			.withUserConfiguration(UserAuthenticationManagerResolverConfiguration.class)
			.run((context) -> assertThat(context.getBeansOfType(AuthenticationManagerResolver.class))
				.containsOnlyKeys("userResolver"));
	}

	@Test
	void doesNothingWithoutSpringSecurityResourceServer() {
		this.contextRunner.withPropertyValues(SUPABASE)
			.withClassLoader(new FilteredClassLoader(BearerTokenAuthenticationFilter.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertNoFoundationAuthBeans(context);
			});
	}

	@Test
	void doesNothingInNonWebApplications() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AuthAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TrustedIssuerRegistry.class));
	}

	private static void assertNoFoundationAuthBeans(AssertableWebApplicationContext context) {
		assertThat(context).doesNotHaveBean(JwtDecoderFactory.class)
			.doesNotHaveBean(TrustedIssuerRegistry.class)
			.doesNotHaveBean(AuthenticationManagerResolver.class)
			.doesNotHaveBean(BearerTokenResolver.class)
			.doesNotHaveBean("foundationSecurityFilterChain")
			.doesNotHaveBean("jwksHealthIndicator")
			.doesNotHaveBean(SecurityExceptionPassThrough.class)
			.doesNotHaveBean(AuthProperties.class);
	}

	private static List<Filter> filters(AssertableWebApplicationContext context) {
		return context.getBean(SecurityFilterChain.class).getFilters();
	}

	private static CorsConfigurationSource corsSource(AssertableWebApplicationContext context) {
		CorsFilter filter = filters(context).stream()
			.filter(CorsFilter.class::isInstance)
			.map(CorsFilter.class::cast)
			.findFirst()
			.orElseThrow();
		return (CorsConfigurationSource) ReflectionTestUtils.getField(filter, "configSource");
	}

	private static MockHttpServletRequest bearer(String token) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("Authorization", "Bearer " + token);
		return request;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilterChainConfiguration {

		@Bean
		SecurityFilterChain userFilterChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WebhookFilterChainConfiguration {

		@Bean
		SecurityFilterChain webhookFilterChain(HttpSecurity http) throws Exception {
			return http.securityMatcher("/webhooks/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.csrf((csrf) -> csrf.disable())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserAuthenticationManagerResolverConfiguration {

		@Bean
		AuthenticationManagerResolver<HttpServletRequest> userResolver() {
			return (request) -> null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserJwtDecoderFactoryConfiguration {

		static final CircuitBreakerRegistry CIRCUIT_BREAKERS = CircuitBreakerRegistry.ofDefaults();

		@Bean
		JwtDecoderFactory userDecoderFactory() {
			return new JwtDecoderFactory(
					new JwksSettings(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30),
							Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1),
					RetryRegistry.ofDefaults(), CIRCUIT_BREAKERS);
		}

	}

}
