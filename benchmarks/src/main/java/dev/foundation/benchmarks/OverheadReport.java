package dev.foundation.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Pairs {@code baselineX} with {@code foundationX} (same class, same parameters) and
 * states how much longer the foundation variant takes per operation.
 * <p>
 * Overhead is {@code (foundation time - baseline time) / baseline time}; for throughput
 * scores the times are the reciprocals. Its range is taken from the extremes of both
 * scores' 99.9% confidence intervals (slowest foundation over fastest baseline and the
 * reverse): wider than a propagated error, but it stays honest when one interval is
 * large, which happens on a busy two-core machine. The goal is the benchmark class's
 * {@link OverheadGoal}; it counts as met only when the whole range is within it.
 */
final class OverheadReport {

	private static final String ROW = "%-36s %24s %24s %16s %9s  %-20s %s";

	private static final String BASELINE = "baseline";

	private static final String FOUNDATION = "foundation";

	private final List<Pair> pairs;

	private OverheadReport(List<Pair> pairs) {
		this.pairs = pairs;
	}

	static OverheadReport of(Collection<RunResult> results) {
		Map<String, Result<?>> baselines = new LinkedHashMap<>();
		Map<String, Result<?>> foundations = new LinkedHashMap<>();
		Map<String, Mode> modes = new LinkedHashMap<>();
		Map<String, OptionalDouble> goals = new LinkedHashMap<>();
		for (RunResult run : results) {
			BenchmarkParams params = run.getParams();
			String benchmark = params.getBenchmark();
			String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
			String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
			String simpleClass = className.substring(className.lastIndexOf('.') + 1);
			if (method.startsWith(BASELINE)) {
				String key = key(simpleClass, method.substring(BASELINE.length()), params);
				baselines.put(key, run.getPrimaryResult());
				modes.put(key, params.getMode());
				goals.put(key, goalOf(className));
			}
			else if (method.startsWith(FOUNDATION)) {
				foundations.put(key(simpleClass, method.substring(FOUNDATION.length()), params),
						run.getPrimaryResult());
			}
		}
		List<Pair> pairs = new ArrayList<>();
		baselines.forEach((key, baseline) -> {
			Result<?> foundation = foundations.get(key);
			if (foundation != null) {
				pairs.add(new Pair(key, modes.get(key), goals.get(key), baseline, foundation));
			}
		});
		return new OverheadReport(pairs);
	}

	private static OptionalDouble goalOf(String className) {
		try {
			OverheadGoal goal = Class.forName(className).getAnnotation(OverheadGoal.class);
			return (goal != null) ? OptionalDouble.of(goal.percent()) : OptionalDouble.empty();
		}
		catch (ClassNotFoundException ex) {
			return OptionalDouble.empty();
		}
	}

	private static String key(String simpleClass, String pair, BenchmarkParams params) {
		StringBuilder key = new StringBuilder(simpleClass).append('.').append(pair);
		for (String name : params.getParamsKeys()) {
			key.append(' ').append(name).append('=').append(params.getParam(name));
		}
		return key.toString();
	}

	String format() {
		if (this.pairs.isEmpty()) {
			return "No baseline/foundation pair was run: nothing to compare.\n";
		}
		StringBuilder out = new StringBuilder();
		out.append("Foundation overhead against its bare baseline, same run. Scores: mean ± 99.9% CI half-width; "
				+ "range: from both CIs; goal: per benchmark class\n");
		String header = String.format(Locale.ROOT, ROW, "Pair", "Baseline", "Foundation", "Delta", "Overhead", "Range",
				"Goal");
		out.append(header).append('\n').append("-".repeat(header.length() + 8)).append('\n');
		for (Pair pair : this.pairs) {
			out.append(pair.format()).append('\n');
		}
		return out.toString();
	}

	private record Pair(String name, Mode mode, OptionalDouble goal, Result<?> baseline, Result<?> foundation) {

		String format() {
			String unit = this.baseline.getScoreUnit();
			Interval baselineTime = Interval.timeOf(this.baseline, this.mode);
			Interval foundationTime = Interval.timeOf(this.foundation, this.mode);
			double overhead = percent(foundationTime.value / baselineTime.value);
			double low = percent(foundationTime.low / baselineTime.high);
			double high = (baselineTime.low > 0) ? percent(foundationTime.high / baselineTime.low)
					: Double.POSITIVE_INFINITY;
			String delta = (this.mode == Mode.Throughput) ? "" : String.format(Locale.ROOT, "%+.3f %s",
					this.foundation.getScore() - this.baseline.getScore(), unit);
			return String.format(Locale.ROOT, ROW, this.name, score(this.baseline, unit), score(this.foundation, unit),
					delta, String.format(Locale.ROOT, "%+.1f%%", overhead), range(low, high), verdict(low, high));
		}

		private String verdict(double low, double high) {
			if (this.goal.isEmpty()) {
				return "-";
			}
			double goalPercent = this.goal.getAsDouble();
			String verdict = (high <= goalPercent) ? "met" : (low > goalPercent) ? "missed" : "inconclusive";
			return String.format(Locale.ROOT, "%s (<= %.0f%%)", verdict, goalPercent);
		}

		private static double percent(double ratio) {
			return (ratio - 1) * 100;
		}

		private static String score(Result<?> result, String unit) {
			double error = result.getScoreError();
			return Double.isNaN(error) ? String.format(Locale.ROOT, "%.3f %s", result.getScore(), unit)
					: String.format(Locale.ROOT, "%.3f ± %.3f %s", result.getScore(), error, unit);
		}

		private static String range(double low, double high) {
			return String.format(Locale.ROOT, "[%+.1f%%, %s]", low,
					Double.isInfinite(high) ? "+inf" : String.format(Locale.ROOT, "%+.1f%%", high));
		}

	}

	/**
	 * Time per operation with the bounds of its confidence interval (the score's when
	 * there is none).
	 */
	private record Interval(double value, double low, double high) {

		static Interval timeOf(Result<?> result, Mode mode) {
			double score = result.getScore();
			double error = Double.isNaN(result.getScoreError()) ? 0 : result.getScoreError();
			if (mode != Mode.Throughput) {
				return new Interval(score, Math.max(0, score - error), score + error);
			}
			return new Interval(1 / score, 1 / (score + error),
					(score - error > 0) ? 1 / (score - error) : Double.POSITIVE_INFINITY);
		}

	}

}
