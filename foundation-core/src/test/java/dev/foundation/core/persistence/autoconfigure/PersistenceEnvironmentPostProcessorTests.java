package dev.foundation.core.persistence.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class PersistenceEnvironmentPostProcessorTests {

	@Test
	void defaultsOpenInViewOffAndShortRedisTimeouts() {
		StandardEnvironment environment = new StandardEnvironment();
		new PersistenceEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.jpa.open-in-view")).isEqualTo("false");
		assertThat(environment.getProperty("spring.data.redis.timeout")).isEqualTo("2s");
		assertThat(environment.getProperty("spring.data.redis.connect-timeout")).isEqualTo("2s");
	}

	@Test
	void defaultsHikarisConnectionTimeoutToItsMinimumForTheDatabaseCircuitBreaker() {
		StandardEnvironment environment = new StandardEnvironment();
		new PersistenceEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.hikari.connection-timeout")).isEqualTo("250");
	}

	@Test
	void leavesHikarisConnectionTimeoutAloneWithoutTheCircuitBreaker() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of("foundation.database.enabled", "false")));
		new PersistenceEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.hikari.connection-timeout")).isNull();
	}

	@Test
	void applicationSettingsWin() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application",
					Map.of("spring.jpa.open-in-view", "true", "spring.data.redis.timeout", "500ms")));
		new PersistenceEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.jpa.open-in-view")).isEqualTo("true");
		assertThat(environment.getProperty("spring.data.redis.timeout")).isEqualTo("500ms");
		assertThat(environment.getProperty("spring.data.redis.connect-timeout")).isEqualTo("2s");
	}

}
