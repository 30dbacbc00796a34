package dev.foundation.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * For throughput benchmarks of classes with a {@link ThroughputRatioGoal}: both scores
 * and the ratio {@code foundation / baseline}, with its range from the extremes of both
 * 99.9% confidence intervals (as {@link OverheadReport} does); the goal counts as met
 * only when the whole range is at or above it.
 */
final class ThroughputRatioReport {

	private static final String ROW = "%-36s %24s %24s %7s  %-16s %s";

	private final List<String> rows;

	private ThroughputRatioReport(List<String> rows) {
		this.rows = rows;
	}

	static ThroughputRatioReport of(Collection<RunResult> results) {
		Map<String, Result<?>> baselines = new LinkedHashMap<>();
		Map<String, Result<?>> foundations = new LinkedHashMap<>();
		Map<String, Double> goals = new LinkedHashMap<>();
		for (RunResult run : results) {
			BenchmarkParams params = run.getParams();
			if (params.getMode() != Mode.Throughput) {
				continue;
			}
			String benchmark = params.getBenchmark();
			String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
			ThroughputRatioGoal goal = goalOf(className);
			if (goal == null) {
				continue;
			}
			String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
			String pair = className.substring(className.lastIndexOf('.') + 1) + ".";
			if (method.startsWith("baseline")) {
				baselines.put(pair + method.substring("baseline".length()), run.getPrimaryResult());
				goals.put(pair + method.substring("baseline".length()), goal.value());
			}
			else if (method.startsWith("foundation")) {
				foundations.put(pair + method.substring("foundation".length()), run.getPrimaryResult());
			}
		}
		List<String> rows = new ArrayList<>();
		baselines.forEach((name, baseline) -> {
			Result<?> foundation = foundations.get(name);
			if (foundation != null) {
				rows.add(row(name, baseline, foundation, goals.get(name)));
			}
		});
		return new ThroughputRatioReport(rows);
	}

	private static @Nullable ThroughputRatioGoal goalOf(String className) {
		try {
			return Class.forName(className).getAnnotation(ThroughputRatioGoal.class);
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

	private static String row(String name, Result<?> baseline, Result<?> foundation, double goal) {
		double ratio = foundation.getScore() / baseline.getScore();
		double low = Math.max(0, foundation.getScore() - error(foundation)) / (baseline.getScore() + error(baseline));
		double baselineLow = baseline.getScore() - error(baseline);
		double high = (baselineLow > 0) ? (foundation.getScore() + error(foundation)) / baselineLow
				: Double.POSITIVE_INFINITY;
		String verdict = (low >= goal) ? "met" : (high < goal) ? "missed" : "inconclusive";
		return String.format(Locale.ROOT, ROW, name, score(baseline), score(foundation),
				String.format(Locale.ROOT, "%.3f", ratio), String.format(Locale.ROOT, "[%.3f, %.3f]", low, high),
				String.format(Locale.ROOT, "%s (>= %.2f)", verdict, goal));
	}

	private static double error(Result<?> result) {
		return Double.isNaN(result.getScoreError()) ? 0 : result.getScoreError();
	}

	private static String score(Result<?> result) {
		return String.format(Locale.ROOT, "%.1f ± %.1f %s", result.getScore(), error(result), result.getScoreUnit());
	}

	String format() {
		if (this.rows.isEmpty()) {
			return "";
		}
		StringBuilder out = new StringBuilder();
		out.append("Throughput of the foundation variant as a share of its baseline, same run (ratio range from both "
				+ "99.9% CIs)\n");
		String header = String.format(Locale.ROOT, ROW, "Pair", "Baseline", "Foundation", "Ratio", "Range", "Goal");
		out.append(header).append('\n').append("-".repeat(header.length() + 8)).append('\n');
		this.rows.forEach((row) -> out.append(row).append('\n'));
		return out.toString();
	}

}
