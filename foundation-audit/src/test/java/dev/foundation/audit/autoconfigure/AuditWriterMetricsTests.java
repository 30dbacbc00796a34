package dev.foundation.audit.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer's Micrometer meters: counted per mode, registered once, nothing without a
 * registry.
 */
class AuditWriterMetricsTests {

	@Test
	void countsWritesFailuresDropsAndRejectionsPerMode() {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		beans.registerSingleton("registry", registry);
		var metrics = new AuditMetricsConfiguration.MicrometerWriterMetrics(beans.getBeanProvider(MeterRegistry.class));

		metrics.written("batched", 40, 2_000_000);
		metrics.written("batched", 10, 1_000_000);
		metrics.written("transactional", 1, 500_000);
		metrics.failed("batched", 3);
		metrics.securityEventDropped();
		metrics.securityEventDropped();
		metrics.rejected();

		assertThat(registry.get("foundation.audit.batch.size").tag("mode", "batched").summary().totalAmount())
			.isEqualTo(50);
		assertThat(registry.get("foundation.audit.write.latency").tag("mode", "batched").timer().count()).isEqualTo(2);
		assertThat(registry.get("foundation.audit.write.latency").tag("mode", "transactional").timer().count())
			.isEqualTo(1);
		assertThat(registry.get("foundation.audit.write.failures").tag("mode", "batched").counter().count())
			.isEqualTo(3);
		assertThat(registry.get("foundation.audit.security.dropped").counter().count()).isEqualTo(2);
		assertThat(registry.get("foundation.audit.queue.rejected").counter().count()).isEqualTo(1);
	}

	@Test
	void recordsNothingWithoutARegistry() {
		var metrics = new AuditMetricsConfiguration.MicrometerWriterMetrics(
				new DefaultListableBeanFactory().getBeanProvider(MeterRegistry.class));

		metrics.written("batched", 40, 2_000_000);
		metrics.failed("batched", 3);
		metrics.securityEventDropped();
		metrics.rejected();
	}

}
