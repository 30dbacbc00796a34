package dev.foundation.crypto.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The re-encryption job's progress as meters:
 * {@code foundation.crypto.reencryption.rows.remaining} (encrypted values still on an
 * older data key version than their tenant's active one, tag {@code key} = that version,
 * a small set bounded by the rotations done),
 * {@code foundation.crypto.reencryption.quarantined} and
 * {@code foundation.crypto.reencryption.running}. The counts are the ones
 * {@link ReEncryptionRuns} last made; a version seen once stays at 0 when its values are
 * gone.
 */
public final class ReEncryptionMetrics implements MeterBinder {

	private final ReEncryptionRuns runs;

	private final Set<Integer> seen = ConcurrentHashMap.newKeySet();

	/**
	 * Creates the meters' binder.
	 * @param runs the runs they report on
	 */
	public ReEncryptionMetrics(ReEncryptionRuns runs) {
		this.runs = runs;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		MultiGauge remaining = MultiGauge.builder("foundation.crypto.reencryption.rows.remaining")
			.description("Encrypted values still on an older data key version than their tenant's active one")
			.baseUnit("values")
			.register(registry);
		Gauge.builder("foundation.crypto.reencryption.quarantined", this.runs, ReEncryptionRuns::quarantined)
			.description("Encrypted values the re-encryption job could not decrypt (crypto_quarantine)")
			.baseUnit("values")
			.register(registry);
		Gauge.builder("foundation.crypto.reencryption.running", this.runs, (runs) -> runs.isRunning() ? 1 : 0)
			.description("Whether the re-encryption job is running")
			.register(registry);
		Runnable update = () -> remaining.register(rows(this.runs.remaining()), true);
		this.runs.onRefresh(update);
		update.run();
	}

	private List<MultiGauge.Row<?>> rows(Map<Integer, Long> counts) {
		this.seen.addAll(counts.keySet());
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		for (Integer version : this.seen) {
			rows.add(MultiGauge.Row.of(Tags.of("key", String.valueOf(version)), counts.getOrDefault(version, 0L)));
		}
		return rows;
	}

}
