package dev.foundation.core.jobs.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import dev.foundation.core.config.OptionalMeters;
import dev.foundation.core.jobs.JobStatus;
import dev.foundation.core.jobs.JobStatusPublisher;
import dev.foundation.core.jobs.JobStatusStore;
import dev.foundation.core.jobs.JobSubscriptions;
import dev.foundation.core.jobs.internal.RedisJobStreams;
import dev.foundation.core.jobs.internal.RedisJobSubscriptions;
import dev.foundation.core.jobs.web.JobStatusController;
import dev.foundation.core.redis.FoundationRedis;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Job status streams on the foundation's Redis connection: the publisher and store, the
 * per-instance subscriptions, and (in a servlet application) the endpoints.
 */
@AutoConfiguration(after = dev.foundation.core.redis.autoconfigure.FoundationRedisAutoConfiguration.class,
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(JsonMapper.class)
@ConditionalOnBean(FoundationRedis.class)
@ConditionalOnBooleanProperty(name = "foundation.jobs.enabled", matchIfMissing = true)
@EnableConfigurationProperties(JobStreamProperties.class)
public final class JobStreamAutoConfiguration {

	JobStreamAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean({ JobStatusPublisher.class, JobStatusStore.class })
	RedisJobStreams foundationJobStreams(FoundationRedis redis, JobStreamProperties properties,
			ObjectProvider<JsonMapper> mappers, BeanFactory beans) {
		Consumer<JobStatus> published = OptionalMeters.present() ? JobStreamMeters.published(beans) : (status) -> {
		};
		return new RedisJobStreams(redis, properties.getKeyPrefix(), properties.getTtl(), properties.getMaxEvents(),
				mappers.getIfUnique(JsonMapper::new), published);
	}

	@Bean
	@ConditionalOnMissingBean
	RedisJobSubscriptions foundationJobSubscriptions(JobStatusStore store, RedisJobStreams streams,
			FoundationRedis redis, JobStreamProperties properties, BeanFactory beans) {
		Consumer<Duration> lag = OptionalMeters.present() ? JobStreamMeters.lag(beans) : (duration) -> {
		};
		RedisJobSubscriptions subscriptions = new RedisJobSubscriptions(store, redis, streams.channel(), executor(),
				properties.getHeartbeat(), properties.getCatchUpInterval(), lag);
		if (OptionalMeters.present()) {
			JobStreamMeters.subscribers(beans, subscriptions);
		}
		return subscriptions;
	}

	/**
	 * Virtual threads where the JVM has them (21+): a delivery blocked on a slow client
	 * then costs no platform thread. On 17, a small pool shared by all subscribers.
	 */
	private static Executor executor() {
		if (Runtime.version().feature() >= 21) {
			return new VirtualThreadTaskExecutor("foundation-jobs-");
		}
		return Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "foundation-jobs");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SseEmitter.class)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class JobEndpointsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JobStatusController jobStatusController(JobStatusStore store, JobSubscriptions subscriptions,
				JobStreamProperties properties, ObjectProvider<JsonMapper> mappers) {
			return new JobStatusController(store, subscriptions, properties.getStreamTimeout(),
					mappers.getIfUnique(JsonMapper::new));
		}

	}

}
