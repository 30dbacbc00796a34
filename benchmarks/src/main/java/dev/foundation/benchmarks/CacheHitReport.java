package dev.foundation.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;

/**
 * The ratios of {@link CacheHitBenchmark}'s results from the same run: each tier against
 * the map lookup, and the Redis tier against a bare {@code GET}.
 */
final class CacheHitReport {

	private final Map<String, Double> scores;

	private CacheHitReport(Map<String, Double> scores) {
		this.scores = scores;
	}

	static CacheHitReport of(Collection<RunResult> results) {
		Map<String, Double> scores = new HashMap<>();
		String prefix = CacheHitBenchmark.class.getName() + ".";
		for (RunResult run : results) {
			String benchmark = run.getParams().getBenchmark();
			if (benchmark.startsWith(prefix)) {
				scores.put(benchmark.substring(prefix.length()), run.getPrimaryResult().getScore());
			}
		}
		return new CacheHitReport(scores);
	}

	String format() {
		Double map = this.scores.get("baselineMapHit");
		Double local = this.scores.get("localTierHit");
		Double redis = this.scores.get("redisTierHit");
		Double raw = this.scores.get("redisRawGet");
		if (map == null || local == null || redis == null) {
			return "";
		}
		StringBuilder out = new StringBuilder("\nCache hit latency, same run (ns/op):\n");
		out.append(String.format(Locale.ROOT, "  ConcurrentHashMap get    %12.1f%n", map));
		out.append(
				String.format(Locale.ROOT, "  local (Caffeine) tier    %12.1f   %8.1fx the map%n", local, local / map));
		out.append(
				String.format(Locale.ROOT, "  Redis tier               %12.1f   %8.1fx the map, %.1fx the local tier%n",
						redis, redis / map, redis / local));
		if (raw != null) {
			out.append(String.format(Locale.ROOT,
					"  bare Redis GET           %12.1f   (Redis tier = %.2fx a bare GET)%n", raw, redis / raw));
		}
		return out.toString();
	}

}
