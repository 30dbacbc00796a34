package dev.foundation.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * For sampled benchmarks of classes with a {@link LatencyGoal}: the distribution of the
 * sampled operations (p50, p90, p99, p99.9, max, in microseconds) and whether the goal's
 * percentile stays under its bound. The percentiles are JMH's, over all samples of all
 * measurement iterations.
 */
final class LatencyReport {

	private static final String ROW = "%-52s %9s %9s %9s %9s %9s %11s  %s";

	private final List<String> rows;

	private LatencyReport(List<String> rows) {
		this.rows = rows;
	}

	static LatencyReport of(Collection<RunResult> results) {
		List<String> rows = new ArrayList<>();
		for (RunResult run : results) {
			BenchmarkParams params = run.getParams();
			if (params.getMode() != Mode.SampleTime) {
				continue;
			}
			String benchmark = params.getBenchmark();
			String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
			LatencyGoal goal = goalOf(className);
			if (goal != null) {
				rows.add(row(name(benchmark, params), run.getPrimaryResult(), params.getTimeUnit(), goal));
			}
		}
		return new LatencyReport(rows);
	}

	private static @Nullable LatencyGoal goalOf(String className) {
		try {
			return Class.forName(className).getAnnotation(LatencyGoal.class);
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

	private static String name(String benchmark, BenchmarkParams params) {
		String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
		StringBuilder name = new StringBuilder(className.substring(className.lastIndexOf('.') + 1))
			.append(benchmark.substring(benchmark.lastIndexOf('.')));
		for (String key : params.getParamsKeys()) {
			name.append(' ').append(key).append('=').append(params.getParam(key));
		}
		return name.toString();
	}

	private static String row(String name, Result<?> result, TimeUnit unit, LatencyGoal goal) {
		Statistics statistics = result.getStatistics();
		double toMicros = (double) unit.toNanos(1) / 1000;
		double judged = statistics.getPercentile(goal.percentile()) * toMicros;
		String verdict = String.format(Locale.ROOT, "%s (p%s < %.0f us)", (judged < goal.micros()) ? "met" : "missed",
				trim(goal.percentile()), goal.micros());
		return String.format(Locale.ROOT, ROW, name, micros(statistics.getPercentile(50) * toMicros),
				micros(statistics.getPercentile(90) * toMicros), micros(statistics.getPercentile(99) * toMicros),
				micros(statistics.getPercentile(99.9) * toMicros), micros(statistics.getMax() * toMicros),
				Long.toString(statistics.getN()), verdict);
	}

	private static String micros(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

	private static String trim(double percentile) {
		return (percentile == Math.rint(percentile)) ? Long.toString((long) percentile) : Double.toString(percentile);
	}

	String format() {
		if (this.rows.isEmpty()) {
			return "";
		}
		StringBuilder out = new StringBuilder();
		out.append("Latency of sampled operations, in microseconds, over all measurement samples\n");
		String header = String.format(Locale.ROOT, ROW, "Benchmark", "p50", "p90", "p99", "p99.9", "max", "samples",
				"Goal");
		out.append(header).append('\n').append("-".repeat(header.length() + 12)).append('\n');
		this.rows.forEach((row) -> out.append(row).append('\n'));
		return out.toString();
	}

}
