package dev.foundation.core.jobs.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import dev.foundation.core.jobs.JobStatusPublisher;
import dev.foundation.core.jobs.JobStatusStore;
import dev.foundation.core.jobs.internal.RedisJobStreams;
import dev.foundation.core.jobs.web.JobStatusController;
import dev.foundation.core.redis.FoundationRedis;
import dev.foundation.core.redis.RedisOutages;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions of the job stream auto-configuration; nothing here talks to Redis (the
 * connection opens on first use, and the pub/sub subscription fails quietly).
 */
class JobStreamAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JobStreamAutoConfiguration.class))
		.withBean(FoundationRedis.class, () -> new FoundationRedis(() -> {
			throw new IllegalStateException("no Redis in this test");
		}, Duration.ofMillis(100), new RedisOutages(Duration.ofSeconds(1), (feature) -> {
		}, Clock.systemUTC())));

	@Test
	void publisherStoreAndEndpointsByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(JobStatusPublisher.class)
			.hasSingleBean(JobStatusStore.class)
			.hasSingleBean(JobStatusController.class)
			.getBean(JobStatusPublisher.class)
			.isInstanceOf(RedisJobStreams.class));
	}

	@Test
	void noEndpointsOutsideAWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JobStreamAutoConfiguration.class))
			.withBean(FoundationRedis.class, () -> new FoundationRedis(() -> {
				throw new IllegalStateException("no Redis in this test");
			}, Duration.ofMillis(100), new RedisOutages(Duration.ofSeconds(1), (feature) -> {
			}, Clock.systemUTC())))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(JobStatusPublisher.class)
				.doesNotHaveBean(JobStatusController.class));
	}

	@Test
	void offWhenSwitchedOff() {
		this.contextRunner.withPropertyValues("foundation.jobs.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JobStatusPublisher.class));
	}

	@Test
	void offWithoutJackson() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JobStatusPublisher.class));
	}

	@Test
	void offWithoutTheFoundationsRedisConnection() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(JobStreamAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JobStatusPublisher.class));
	}

}
