package dev.foundation.core.jobs.autoconfigure;

import java.time.Duration;
import java.util.function.Consumer;

import dev.foundation.core.config.OptionalMeters;
import dev.foundation.core.jobs.JobStatus;
import dev.foundation.core.jobs.internal.RedisJobSubscriptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;

/**
 * The job streams' meters: the only class of its package that names Micrometer's types,
 * used only when {@link OptionalMeters#present()}.
 */
final class JobStreamMeters {

	private JobStreamMeters() {
	}

	static Consumer<JobStatus> published(BeanFactory beans) {
		MeterRegistry meters = registry(beans);
		if (meters == null) {
			return (status) -> {
			};
		}
		return (status) -> Counter.builder("foundation.jobs.events.published")
			.description("Job status events published, by state")
			.tag("state", status.state().eventName())
			.register(meters)
			.increment();
	}

	static Consumer<Duration> lag(BeanFactory beans) {
		MeterRegistry meters = registry(beans);
		if (meters == null) {
			return (duration) -> {
			};
		}
		Timer timer = Timer.builder("foundation.jobs.delivery.lag")
			.description("Time from a job event's publication (on any instance) to its delivery to a subscriber here")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
		return timer::record;
	}

	static void subscribers(BeanFactory beans, RedisJobSubscriptions subscriptions) {
		MeterRegistry meters = registry(beans);
		if (meters == null) {
			return;
		}
		Gauge.builder("foundation.jobs.subscribers", subscriptions, RedisJobSubscriptions::subscriberCount)
			.description("Job event streams this instance serves now")
			.register(meters);
	}

	private static @Nullable MeterRegistry registry(BeanFactory beans) {
		return beans.getBeanProvider(MeterRegistry.class).getIfAvailable();
	}

}
