package dev.foundation.tenancy.autoconfigure;

import dev.foundation.tenancy.resolution.TenantResolutionEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Tenant resolutions as the {@code foundation.tenancy.resolutions} counter, tagged with
 * fixed categories only. Counters are looked up once per source and outcome (a resolution
 * runs on every authenticated request).
 */
final class MicrometerTenantResolutionEvents implements TenantResolutionEvents {

	static final String METER = "foundation.tenancy.resolutions";

	private final MeterRegistry registry;

	private final Counter[][] counters = new Counter[Source.values().length][Outcome.values().length];

	MicrometerTenantResolutionEvents(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void resolved(Source source, Outcome outcome) {
		Counter counter = this.counters[source.ordinal()][outcome.ordinal()];
		if (counter == null) {
			// A race registers the same meter twice: the registry returns the one meter.
			counter = Counter.builder(METER)
				.description("Tenant resolutions of requests, by the kind of resolver that named the tenant and "
						+ "outcome")
				.tag("source", source.tag())
				.tag("outcome", outcome.tag())
				.register(this.registry);
			this.counters[source.ordinal()][outcome.ordinal()] = counter;
		}
		counter.increment();
	}

}
