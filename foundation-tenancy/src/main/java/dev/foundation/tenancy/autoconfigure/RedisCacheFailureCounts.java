package dev.foundation.tenancy.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counts failures of the tenant cache's Redis tier by operation ({@code read},
 * {@code write}, {@code invalidate}), exposed as the meter {@value #METER} when
 * Micrometer is present.
 */
final class RedisCacheFailureCounts implements Consumer<String> {

	static final String METER = "foundation.tenancy.resolution.cache.redis.failures";

	static final List<String> OPERATIONS = List.of("read", "write", "invalidate");

	private final Map<String, LongAdder> counts = Map.of("read", new LongAdder(), "write", new LongAdder(),
			"invalidate", new LongAdder());

	@Override
	public void accept(String operation) {
		LongAdder count = this.counts.get(operation);
		if (count != null) {
			count.increment();
		}
	}

	long count(String operation) {
		LongAdder count = this.counts.get(operation);
		return (count != null) ? count.sum() : 0;
	}

}
