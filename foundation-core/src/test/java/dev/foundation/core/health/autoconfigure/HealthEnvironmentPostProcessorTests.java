package dev.foundation.core.health.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class HealthEnvironmentPostProcessorTests {

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void livenessHoldsOnlyTheApplicationsOwnState() {
		postProcess();
		assertThat(this.environment.getProperty("management.endpoint.health.group.liveness.include"))
			.isEqualTo("livenessState");
		assertThat(this.environment.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
	}

	@Test
	void readinessAddsTheDatabaseButNotRedisWithDetailsForAuthorizedCallersOnly() {
		postProcess();
		assertThat(this.environment.getProperty("management.endpoint.health.group.readiness.include"))
			.isEqualTo("readinessState,db");
		assertThat(this.environment.getProperty("management.endpoint.health.group.readiness.show-components"))
			.isEqualTo("when-authorized");
		assertThat(this.environment.getProperty("management.endpoint.health.group.readiness.show-details"))
			.isEqualTo("when-authorized");
		assertThat(this.environment.getProperty("management.endpoint.health.show-components"))
			.isEqualTo("when-authorized");
		assertThat(this.environment.getProperty("management.endpoint.health.show-details"))
			.isEqualTo("when-authorized");
		assertThat(this.environment.getProperty("management.endpoint.health.validate-group-membership"))
			.isEqualTo("false");
	}

	@Test
	void readinessAddsRedisWhenTheApplicationDeclaresItRequired() {
		this.environment.setProperty("foundation.health.redis-required", "true");
		postProcess();
		assertThat(this.environment.getProperty("management.endpoint.health.group.readiness.include"))
			.isEqualTo("readinessState,db,redis");
		assertThat(this.environment.getProperty("management.endpoint.health.group.liveness.include"))
			.isEqualTo("livenessState");
	}

	@Test
	void applicationsOwnManagementPropertiesWin() {
		this.environment.setProperty("management.endpoint.health.group.readiness.include", "readinessState,db");
		this.environment.setProperty("management.endpoint.health.probes.enabled", "false");
		postProcess();
		assertThat(this.environment.getProperty("management.endpoint.health.group.readiness.include"))
			.isEqualTo("readinessState,db");
		assertThat(this.environment.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("false");
		assertThat(this.environment.getProperty("management.endpoint.health.group.liveness.include"))
			.isEqualTo("livenessState");
	}

	@Test
	void disabledSwitchAddsNothing() {
		this.environment.setProperty("foundation.health.enabled", "false");
		postProcess();
		assertThat(this.environment.getPropertySources().contains("foundationHealthDefaults")).isFalse();
		assertThat(this.environment.getProperty("management.endpoint.health.group.liveness.include")).isNull();
	}

	private void postProcess() {
		new HealthEnvironmentPostProcessor().postProcessEnvironment(this.environment, new SpringApplication());
	}

}
