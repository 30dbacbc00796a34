package dev.foundation.core.redis.autoconfigure;

import java.time.Clock;
import java.util.function.Consumer;

import dev.foundation.core.config.OptionalMeters;
import dev.foundation.core.redis.FoundationRedis;
import dev.foundation.core.redis.RedisOutages;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The foundation's Redis connection, on the Lettuce client of Spring Data's connection
 * factory (so {@code spring.data.redis.*} configures where Redis is), with the
 * foundation's own short command timeout.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ RedisClient.class, LettuceConnectionFactory.class })
@ConditionalOnBean(LettuceConnectionFactory.class)
@EnableConfigurationProperties(FoundationRedisProperties.class)
public final class FoundationRedisAutoConfiguration {

	FoundationRedisAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	RedisOutages foundationRedisOutages(FoundationRedisProperties properties, BeanFactory beans) {
		Consumer<String> counter = OptionalMeters.present() ? RedisMeters.failures(beans) : (feature) -> {
		};
		return new RedisOutages(properties.getOutagePause(), counter, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	FoundationRedis foundationRedis(LettuceConnectionFactory connectionFactory, FoundationRedisProperties properties,
			RedisOutages outages) {
		return new FoundationRedis(() -> redisClient(connectionFactory), properties.getCommandTimeout(), outages);
	}

	private static RedisClient redisClient(LettuceConnectionFactory connectionFactory) {
		AbstractRedisClient client = connectionFactory.getRequiredNativeClient();
		if (client instanceof RedisClient redisClient) {
			return redisClient;
		}
		throw new IllegalStateException("The foundation's Redis features need a standalone or Sentinel Redis"
				+ " (RedisClient), not " + client.getClass().getSimpleName());
	}

}
