package dev.foundation.core.ratelimit.autoconfigure;

import java.util.function.Consumer;

import dev.foundation.core.ratelimit.RateLimitDecision;
import dev.foundation.core.ratelimit.RateLimiter;
import dev.foundation.core.ratelimit.internal.Bucket4jRateLimiter;
import dev.foundation.core.ratelimit.web.RateLimitInterceptor;
import dev.foundation.core.redis.FoundationRedis;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Rate limits from {@code foundation.rate-limit.rules} and {@code @RateLimit}, counted in
 * Redis by Bucket4j and enforced by a Spring MVC interceptor.
 */
@AutoConfiguration(after = dev.foundation.core.redis.autoconfigure.FoundationRedisAutoConfiguration.class)
@ConditionalOnClass({ Bucket4jLettuce.class, WebMvcConfigurer.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(FoundationRedis.class)
@ConditionalOnBooleanProperty(name = "foundation.rate-limit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RateLimitProperties.class)
public final class RateLimitAutoConfiguration {

	RateLimitAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	RateLimiter foundationRateLimiter(FoundationRedis redis, RateLimitProperties properties) {
		return new Bucket4jRateLimiter(redis, properties.getKeyPrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	RateLimitInterceptor rateLimitInterceptor(RateLimiter limiter, RateLimitProperties properties,
			ObjectProvider<MeterRegistry> registries) {
		return new RateLimitInterceptor(limiter, RateLimitRules.of(properties), recorder(registries.getIfAvailable()));
	}

	@Bean
	static RateLimitAnnotationCheck rateLimitAnnotationCheck(ListableBeanFactory beans) {
		return new RateLimitAnnotationCheck(beans);
	}

	@Bean
	WebMvcConfigurer rateLimitWebMvcConfigurer(RateLimitInterceptor interceptor) {
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(interceptor);
			}

		};
	}

	private static Consumer<RateLimitDecision> recorder(@Nullable MeterRegistry registry) {
		if (registry == null) {
			return (decision) -> {
			};
		}
		return (decision) -> Counter.builder("foundation.ratelimit.decisions")
			.description("Requests counted against a rate limit, by policy and outcome")
			.tag("policy", decision.policy().name())
			.tag("outcome", outcome(decision))
			.register(registry)
			.increment();
	}

	private static String outcome(RateLimitDecision decision) {
		if (decision.counted()) {
			return decision.allowed() ? "allowed" : "rejected";
		}
		return decision.allowed() ? "fail-open" : "fail-closed";
	}

}
