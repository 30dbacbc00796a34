package dev.foundation.audit.autoconfigure;

import java.util.concurrent.TimeUnit;

import dev.foundation.audit.internal.AuditWriterMetrics;
import dev.foundation.audit.internal.BatchingAuditWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

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
		return new AuditWriterMetrics() {

			@Override
			public void written(String mode, int size, long nanos) {
				MeterRegistry registry = registries.getIfAvailable();
				if (registry != null) {
					DistributionSummary.builder("foundation.audit.batch.size")
						.tag("mode", mode)
						.register(registry)
						.record(size);
					Timer.builder("foundation.audit.write.latency")
						.tag("mode", mode)
						.register(registry)
						.record(nanos, TimeUnit.NANOSECONDS);
				}
			}

			@Override
			public void failed(String mode, int size) {
				MeterRegistry registry = registries.getIfAvailable();
				if (registry != null) {
					Counter.builder("foundation.audit.write.failures")
						.tag("mode", mode)
						.register(registry)
						.increment(size);
				}
			}

			@Override
			public void securityEventDropped() {
				MeterRegistry registry = registries.getIfAvailable();
				if (registry != null) {
					Counter.builder("foundation.audit.security.dropped").register(registry).increment();
				}
			}

			@Override
			public void rejected() {
				MeterRegistry registry = registries.getIfAvailable();
				if (registry != null) {
					Counter.builder("foundation.audit.queue.rejected").register(registry).increment();
				}
			}

		};
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

}
