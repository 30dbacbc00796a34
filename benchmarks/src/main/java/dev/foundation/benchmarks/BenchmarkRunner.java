package dev.foundation.benchmarks;

import java.util.Collection;

import org.openjdk.jmh.Main;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks and prints, after JMH's own summary, the overhead of each
 * foundation benchmark against its baseline from the same run (see
 * {@link OverheadReport}).
 * <p>
 * Takes JMH's usual command line: regular expressions select benchmarks
 * ({@link FilterChainBenchmark} when none is given; {@code FilterChainHttpBenchmark} the
 * same over HTTP to embedded Tomcat; {@code JwtValidationBenchmark} the token validation
 * comparison; {@code FoundationPiecesBenchmark} and {@code JwtValidationPiecesBenchmark}
 * the piece-by-piece breakdowns; {@code TenancyReadBenchmark} and
 * {@code TenantResolutionBenchmark} the tenancy goals; {@code .*} all), and options such
 * as {@code -f}, {@code -wi}, {@code -i} or {@code -prof stack} override the annotations.
 */
public final class BenchmarkRunner {

	/**
	 * What runs when no regular expression is given: the comparison itself, about 2
	 * minutes on 2 cores.
	 */
	static final String DEFAULT_BENCHMARKS = FilterChainBenchmark.class.getName() + "\\.";

	private BenchmarkRunner() {
	}

	public static void main(String[] args) throws Exception {
		CommandLineOptions options;
		try {
			options = new CommandLineOptions(args);
		}
		catch (CommandLineOptionException ex) {
			System.err.println("Error parsing command line: " + ex.getMessage());
			System.exit(1);
			return;
		}
		if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
				|| options.shouldListProfilers() || options.shouldListResultFormats()) {
			Main.main(args);
			return;
		}
		ChainedOptionsBuilder run = new OptionsBuilder().parent(options);
		if (options.getIncludes().isEmpty()) {
			// The breakdown benchmarks take minutes more; they run only when selected by
			// name.
			run.include(DEFAULT_BENCHMARKS);
		}
		Collection<RunResult> results = new Runner(run.build()).run();
		System.out.println();
		System.out.print(OverheadReport.of(results).format());
		System.out.print(ThroughputRatioReport.of(results).format());
		System.out.print(LatencyReport.of(results).format());
		System.out.print(CacheHitReport.of(results).format());
	}

}
