package dev.foundation.core.config;

import java.util.Map;
import java.util.UUID;

import dev.foundation.core.jobs.JobRef;
import dev.foundation.core.jobs.JobStatusPublisher;
import dev.foundation.core.jobs.JobStatusStore;
import dev.foundation.core.ratelimit.RateLimitKey;
import dev.foundation.core.ratelimit.RateLimitPolicy;
import dev.foundation.core.ratelimit.RateLimiter;
import dev.foundation.core.ratelimit.web.RateLimitInterceptor;
import dev.foundation.core.redis.RedisFeaturesTestApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Started by {@link WithoutMicrometerIntegrationTests} in a JVM without Micrometer:
 * starts the Redis features' test application, uses a rate limit and a job stream, and
 * prints {@value #WORKED}.
 */
final class WithoutMicrometerApplication {

	static final String WORKED = "the Redis features worked without Micrometer";

	private WithoutMicrometerApplication() {
	}

	public static void main(String[] args) {
		if (ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry", null)) {
			throw new IllegalStateException("Micrometer is on the class path");
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RedisFeaturesTestApplication.class)
			.properties(Map.of("server.port", "0", "spring.main.banner-mode", "off", "spring.data.redis.url", args[0],
					"foundation.auth.supabase.url", "http://127.0.0.1:9", "foundation.jobs.key-prefix",
					"foundation:test:" + UUID.randomUUID() + ":", "foundation.rate-limit.key-prefix",
					"foundation:test:" + UUID.randomUUID() + ":"))
			.run()) {
			context.getBean(RateLimitInterceptor.class);
			RateLimitPolicy policy = RateLimitPolicy.parse("plain", "2/1m", 0, java.util.List.of(RateLimitKey.TENANT),
					false);
			RateLimiter limiter = context.getBean(RateLimiter.class);
			boolean first = limiter.tryConsume(policy, "t").allowed();
			limiter.tryConsume(policy, "t");
			boolean third = limiter.tryConsume(policy, "t").allowed();
			JobRef job = new JobRef("t", UUID.randomUUID().toString());
			context.getBean(JobStatusPublisher.class).started(job);
			boolean stored = context.getBean(JobStatusStore.class).last(job).isPresent();
			if (!first || third || !stored) {
				throw new IllegalStateException("first=" + first + " third=" + third + " stored=" + stored);
			}
			System.out.println(WORKED);
		}
	}

}
