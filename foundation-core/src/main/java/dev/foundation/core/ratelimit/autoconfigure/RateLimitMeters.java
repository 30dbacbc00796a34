package dev.foundation.core.ratelimit.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.foundation.core.config.OptionalMeters;
import dev.foundation.core.ratelimit.RateLimitDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.BeanFactory;

/**
 * The rate limits' meter. Micrometer is optional: only this class names its types, and it
 * is loaded only once a registry was found, so the auto-configuration's own methods
 * (lambdas included) can be introspected without Micrometer on the class path.
 */
final class RateLimitMeters {

	private RateLimitMeters() {
	}

	static Consumer<RateLimitDecision> recorder(BeanFactory beans) {
		MeterRegistry meters = beans.getBeanProvider(MeterRegistry.class).getIfAvailable();
		if (meters == null) {
			return (decision) -> {
			};
		}
		// Checked on every limited request: each policy's counters are registered once.
		Map<String, Counter> counters = new ConcurrentHashMap<>();
		return (decision) -> {
			String outcome = outcome(decision);
			counters
				.computeIfAbsent(decision.policy().name() + '\n' + outcome,
						(key) -> Counter.builder("foundation.ratelimit.decisions")
							.description("Requests counted against a rate limit, by policy and outcome")
							.tag("policy", decision.policy().name())
							.tag("outcome", outcome)
							.register(meters))
				.increment();
		};
	}

	private static String outcome(RateLimitDecision decision) {
		if (decision.counted()) {
			return decision.allowed() ? "allowed" : "rejected";
		}
		return decision.allowed() ? "fail-open" : "fail-closed";
	}

}
