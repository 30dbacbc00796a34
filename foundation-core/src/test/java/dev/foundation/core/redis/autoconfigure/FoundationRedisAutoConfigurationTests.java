package dev.foundation.core.redis.autoconfigure;

import java.time.Duration;

import dev.foundation.core.redis.FoundationRedis;
import dev.foundation.core.redis.RedisOutages;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions of the shared connection's auto-configuration; it never connects at startup,
 * so a Redis nobody listens on is fine here.
 */
class FoundationRedisAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DataRedisAutoConfiguration.class, FoundationRedisAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.port=1");

	@Test
	void sharesLettucesClientWithAShortTimeout() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(FoundationRedis.class).hasSingleBean(RedisOutages.class);
			assertThat(context.getBean(FoundationRedis.class).commandTimeout()).isEqualTo(Duration.ofMillis(500));
		});
	}

	@Test
	void takesTheTimeoutFromProperties() {
		this.contextRunner.withPropertyValues("foundation.redis.command-timeout=150ms")
			.run((context) -> assertThat(context.getBean(FoundationRedis.class).commandTimeout())
				.isEqualTo(Duration.ofMillis(150)));
	}

	@Test
	void offWithoutLettuce() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RedisClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(FoundationRedis.class));
	}

	@Test
	void backsOffToTheApplicationsConnection() {
		FoundationRedis own = new FoundationRedis(() -> {
			throw new IllegalStateException("unused");
		}, Duration.ofSeconds(1), new RedisOutages(Duration.ofSeconds(1), (feature) -> {
		}, java.time.Clock.systemUTC()));
		this.contextRunner.withBean(FoundationRedis.class, () -> own)
			.run((context) -> assertThat(context.getBean(FoundationRedis.class)).isSameAs(own));
	}

}
