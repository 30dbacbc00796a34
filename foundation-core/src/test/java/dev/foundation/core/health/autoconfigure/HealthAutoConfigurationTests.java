package dev.foundation.core.health.autoconfigure;

import java.security.Principal;

import dev.foundation.core.health.HealthAliasController;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class HealthAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withInitializer((context) -> new HealthEnvironmentPostProcessor()
			.postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
		.withConfiguration(AutoConfigurations.of(HealthAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
				AvailabilityHealthContributorAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
				ApplicationAvailabilityAutoConfiguration.class, EndpointAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class));

	@Test
	void aliasesAreOffByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(HealthAliasController.class);
			HealthProperties properties = context.getBean(HealthProperties.class);
			assertThat(properties.getPublicAliases().isEnabled()).isFalse();
			assertThat(properties.getPublicAliases().getLivenessPath()).isEqualTo("/api/v1/public/health");
			assertThat(properties.getPublicAliases().getReadinessPath()).isEqualTo("/api/v1/public/health/ready");
			mockMvc(context).perform(get("/api/v1/public/health")).andExpect(status().isNotFound());
		});
	}

	@Test
	void aliasesAnswerLikeActuatorsProbes() {
		this.contextRunner.withPropertyValues("foundation.health.public-aliases.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(HealthAliasController.class);
			MockMvc mvc = mockMvc(context);
			AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
			AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
			mvc.perform(get("/api/v1/public/health"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("UP"));
			mvc.perform(get("/api/v1/public/health/ready"))
				.andExpect(status().isServiceUnavailable())
				.andExpect(jsonPath("$.status").value("OUT_OF_SERVICE"))
				.andExpect(jsonPath("$.components").doesNotExist());
			AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
			mvc.perform(get("/api/v1/public/health/ready"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("UP"));
		});
	}

	@Test
	void failingDependencyLeaksNoHostOrExceptionClassToAnonymousProbeCallers() {
		this.contextRunner.withPropertyValues("foundation.health.public-aliases.enabled=true")
			.withBean("db", HealthIndicator.class,
					() -> () -> Health.down(new IllegalStateException("Connection to db-primary.internal:5432 refused"))
						.build())
			.run((context) -> {
				AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
				String alias = mockMvc(context).perform(get("/api/v1/public/health/ready"))
					.andExpect(status().isServiceUnavailable())
					.andReturn()
					.getResponse()
					.getContentAsString();
				assertThat(alias).isEqualTo("{\"status\":\"DOWN\"}");
				// Actuator's own /actuator/health/readiness, as an anonymous caller sees
				// it.
				HealthEndpointWebExtension health = context.getBean(HealthEndpointWebExtension.class);
				JsonMapper json = context.getBean(JsonMapper.class);
				String anonymous = json.writeValueAsString(health
					.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE, false, "readiness")
					.getBody());
				assertThat(anonymous).isEqualTo("{\"status\":\"DOWN\"}");
				// An authenticated caller (e.g. with a bearer token on the public path)
				// sees why.
				String authorized = json.writeValueAsString(
						health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, authenticated(), false, "readiness")
							.getBody());
				assertThat(authorized).contains("\"db\"").contains("IllegalStateException");
			});
	}

	private static SecurityContext authenticated() {
		return new SecurityContext() {

			@Override
			public Principal getPrincipal() {
				return () -> "operator";
			}

			@Override
			public boolean isUserInRole(String role) {
				return false;
			}

		};
	}

	@Test
	void livenessIgnoresReadinessAndReportsBrokenState() {
		this.contextRunner.withPropertyValues("foundation.health.public-aliases.enabled=true").run((context) -> {
			MockMvc mvc = mockMvc(context);
			AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
			AvailabilityChangeEvent.publish(context, LivenessState.BROKEN);
			mvc.perform(get("/api/v1/public/health"))
				.andExpect(status().isServiceUnavailable())
				.andExpect(jsonPath("$.status").value("DOWN"));
			AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
			mvc.perform(get("/api/v1/public/health")).andExpect(status().isOk());
		});
	}

	@Test
	void aliasPathsAreConfigurable() {
		this.contextRunner
			.withPropertyValues("foundation.health.public-aliases.enabled=true",
					"foundation.health.public-aliases.liveness-path=/live",
					"foundation.health.public-aliases.readiness-path=/ready")
			.run((context) -> {
				MockMvc mvc = mockMvc(context);
				AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
				AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
				mvc.perform(get("/live")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
				mvc.perform(get("/ready")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
				mvc.perform(get("/api/v1/public/health")).andExpect(status().isNotFound());
			});
	}

	@Test
	void disabledSwitchRemovesAliases() {
		this.contextRunner
			.withPropertyValues("foundation.health.enabled=false", "foundation.health.public-aliases.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HealthAliasController.class)
				.doesNotHaveBean(HealthProperties.class));
	}

	@Test
	void noAliasesWithoutActuatorsHealthEndpoint() {
		this.contextRunner.withPropertyValues("foundation.health.public-aliases.enabled=true")
			.withClassLoader(new FilteredClassLoader(HealthEndpointWebExtension.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HealthAliasController.class));
	}

	@Test
	void noAliasesWhenHealthEndpointIsNotExposedOnTheWeb() {
		this.contextRunner
			.withPropertyValues("foundation.health.public-aliases.enabled=true",
					"management.endpoints.web.exposure.exclude=health")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HealthEndpointWebExtension.class)
				.doesNotHaveBean(HealthAliasController.class));
	}

	@Test
	void noAliasesOutsideServletWebApplications() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HealthAutoConfiguration.class,
					HealthEndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
					HealthContributorRegistryAutoConfiguration.class, EndpointAutoConfiguration.class))
			.withPropertyValues("foundation.health.public-aliases.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HealthAliasController.class)
				.hasSingleBean(HealthProperties.class));
	}

	@Test
	void backsOffFromUsersAliasController() {
		this.contextRunner.withPropertyValues("foundation.health.public-aliases.enabled=true")
			.withUserConfiguration(UserAliasConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(HealthAliasController.class).hasBean("customAliases"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserAliasConfiguration {

		@Bean
		HealthAliasController customAliases(HealthEndpointWebExtension health) {
			return new HealthAliasController(health);
		}

	}

	private static MockMvc mockMvc(AssertableWebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup((WebApplicationContext) context.getSourceApplicationContext())
			.build();
	}

}
