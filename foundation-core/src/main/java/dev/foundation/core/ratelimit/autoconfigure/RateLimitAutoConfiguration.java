package dev.foundation.core.ratelimit.autoconfigure;

import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.config.OptionalMeters;
import dev.foundation.core.ratelimit.RateLimiter;
import dev.foundation.core.ratelimit.internal.Bucket4jRateLimiter;
import dev.foundation.core.ratelimit.web.RateLimitInterceptor;
import dev.foundation.core.redis.FoundationRedis;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
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
		if (properties.getRememberedRefusals() < 0) {
			throw new InvalidFoundationPropertyException("foundation.rate-limit.remembered-refusals",
					"it is negative (" + properties.getRememberedRefusals() + ")",
					"set a count of keys, e.g. 100000, or 0 to ask Redis every time");
		}
		return new Bucket4jRateLimiter(redis, properties.getKeyPrefix(), properties.getRememberedRefusals());
	}

	@Bean
	@ConditionalOnMissingBean
	RateLimitInterceptor rateLimitInterceptor(RateLimiter limiter, RateLimitProperties properties, BeanFactory beans) {
		return new RateLimitInterceptor(limiter, RateLimitRules.of(properties),
				OptionalMeters.present() ? RateLimitMeters.recorder(beans) : (decision) -> {
				});
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

}
