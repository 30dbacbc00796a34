package dev.foundation.core.ratelimit.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.ratelimit.RateLimitDecision;
import dev.foundation.core.ratelimit.RateLimiter;
import dev.foundation.core.ratelimit.internal.Bucket4jRateLimiter;
import dev.foundation.core.ratelimit.web.RateLimitInterceptor;
import dev.foundation.core.redis.FoundationRedis;
import dev.foundation.core.redis.RedisOutages;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and startup validation of the rate-limit auto-configuration; nothing here
 * talks to Redis.
 */
class RateLimitAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RateLimitAutoConfiguration.class))
		.withBean(FoundationRedis.class, () -> new FoundationRedis(() -> {
			throw new IllegalStateException("no Redis in this test");
		}, Duration.ofMillis(100), new RedisOutages(Duration.ofSeconds(1), (feature) -> {
		}, Clock.systemUTC())));

	@Test
	void enforcesRulesWithBucket4jByDefault() {
		this.contextRunner
			.withPropertyValues("foundation.rate-limit.rules[0].match=/api/**",
					"foundation.rate-limit.rules[0].limit=5/s")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RateLimitInterceptor.class)
				.getBean(RateLimiter.class)
				.isInstanceOf(Bucket4jRateLimiter.class));
	}

	@Test
	void offWhenSwitchedOff() {
		this.contextRunner.withPropertyValues("foundation.rate-limit.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RateLimitInterceptor.class));
	}

	@Test
	void offWithoutBucket4j() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Bucket4jLettuce.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RateLimitInterceptor.class));
	}

	@Test
	void backsOffToTheApplicationsLimiter() {
		RateLimiter own = (policy, key) -> new RateLimitDecision(policy, true, 1, Duration.ZERO, true);
		this.contextRunner.withBean(RateLimiter.class, () -> own)
			.run((context) -> assertThat(context).hasNotFailed().getBean(RateLimiter.class).isSameAs(own));
	}

	@Test
	void unparsableLimitStopsStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("foundation.rate-limit.rules[0].match=/api/**",
					"foundation.rate-limit.rules[1].match=/other/**", "foundation.rate-limit.rules[0].limit=5/s",
					"foundation.rate-limit.rules[1].limit=lots")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidFoundationPropertyException.class)
				.hasMessageContaining("foundation.rate-limit.rules[1].limit"));
	}

	@Test
	void unparsablePatternStopsStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("foundation.rate-limit.rules[0].match=/api/{unclosed",
					"foundation.rate-limit.rules[0].limit=5/s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidFoundationPropertyException.class)
				.hasMessageContaining("foundation.rate-limit.rules[0].match"));
	}

	@Test
	void ruleWithoutLimitOrPatternStopsStartup() {
		this.contextRunner.withPropertyValues("foundation.rate-limit.rules[0].match=/api/**")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("foundation.rate-limit.rules[0].limit"));
		this.contextRunner.withPropertyValues("foundation.rate-limit.rules[0].limit=1/s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("foundation.rate-limit.rules[0].match"));
	}

	@Test
	void unknownKeyStopsStartup() {
		this.contextRunner
			.withPropertyValues("foundation.rate-limit.rules[0].match=/api/**",
					"foundation.rate-limit.rules[0].limit=1/s", "foundation.rate-limit.rules[0].per=planet")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("foundation.rate-limit.rules[0].per"));
	}

}
