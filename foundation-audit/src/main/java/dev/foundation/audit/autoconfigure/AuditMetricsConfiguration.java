package dev.foundation.audit.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.foundation.audit.internal.AuditWriterMetrics;
import dev.foundation.audit.internal.BatchingAuditWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Writer metrics in Micrometer: {@code foundation.audit.queue.depth},
 * {@code foundation.audit.batch.size}, {@code foundation.audit.write.latency},
 * {@code foundation.audit.write.failures}, {@code foundation.audit.queue.rejected} and
 * {@code foundation.audit.security.dropped}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterRegistry.class)
class AuditMetricsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AuditWriterMetrics auditWriterMetrics(ObjectProvider<MeterRegistry> registries) {
		return new MicrometerWriterMetrics(registries);
	}

	@Bean
	MeterBinder auditQueueDepth(ObjectProvider<BatchingAuditWriter> writer) {
		return (registry) -> {
			BatchingAuditWriter batched = writer.getIfAvailable();
			if (batched != null) {
				Gauge.builder("foundation.audit.queue.depth", batched, BatchingAuditWriter::queueDepth)
					.register(registry);
			}
		};
	}

	/**
	 * The writer's meters, registered once per mode and reused: a transactional write is
	 * on the request path of every audited change. The registry is looked up on first use
	 * (it may be defined after the writer).
	 */
	static final class MicrometerWriterMetrics implements AuditWriterMetrics {

		private final ObjectProvider<MeterRegistry> registries;

		private final Map<String, ModeMeters> modes = new ConcurrentHashMap<>();

		private volatile @Nullable Counter dropped;

		private volatile @Nullable Counter rejected;

		MicrometerWriterMetrics(ObjectProvider<MeterRegistry> registries) {
			this.registries = registries;
		}

		@Override
		public void written(String mode, int size, long nanos) {
			ModeMeters meters = mode(mode);
			if (meters != null) {
				meters.size().record(size);
				meters.latency().record(nanos, TimeUnit.NANOSECONDS);
			}
		}

		@Override
		public void failed(String mode, int size) {
			ModeMeters meters = mode(mode);
			if (meters != null) {
				meters.failures().increment(size);
			}
		}

		@Override
		public void securityEventDropped() {
			Counter counter = this.dropped;
			if (counter == null) {
				MeterRegistry registry = this.registries.getIfAvailable();
				if (registry == null) {
					return;
				}
				counter = Counter.builder("foundation.audit.security.dropped").register(registry);
				this.dropped = counter;
			}
			counter.increment();
		}

		@Override
		public void rejected() {
			Counter counter = this.rejected;
			if (counter == null) {
				MeterRegistry registry = this.registries.getIfAvailable();
				if (registry == null) {
					return;
				}
				counter = Counter.builder("foundation.audit.queue.rejected").register(registry);
				this.rejected = counter;
			}
			counter.increment();
		}

		private @Nullable ModeMeters mode(String mode) {
			ModeMeters meters = this.modes.get(mode);
			if (meters != null) {
				return meters;
			}
			MeterRegistry registry = this.registries.getIfAvailable();
			if (registry == null) {
				return null;
			}
			return this.modes.computeIfAbsent(mode, (key) -> new ModeMeters(
					DistributionSummary.builder("foundation.audit.batch.size").tag("mode", key).register(registry),
					Timer.builder("foundation.audit.write.latency").tag("mode", key).register(registry),
					Counter.builder("foundation.audit.write.failures").tag("mode", key).register(registry)));
		}

		private record ModeMeters(DistributionSummary size, Timer latency, Counter failures) {
		}

	}

}
