package dev.foundation.benchmarks;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.foundation.benchmarks.RequestChain.Piece;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Where the overhead measured by {@link FilterChainBenchmark} comes from: bare Spring MVC
 * plus one foundation piece at a time ({@code none} is the baseline, {@code all} the full
 * foundation chain). A diagnostic, not part of the default run; select it with
 * {@code java -jar benchmarks.jar FoundationPiecesBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
public class FoundationPiecesBenchmark {

	@Param({ "none", "context", "problemDetails", "jsonLog", "maskedJsonLog", "all" })
	public String pieces = "none";

	private MockMvc chain;

	private final WorkerThreadName workerThreadName = new WorkerThreadName();

	@Setup(Level.Trial)
	public void setUp() {
		BenchmarkLogging logging = BenchmarkLogging.install();
		Set<Piece> selected = switch (this.pieces) {
			case "none" -> EnumSet.noneOf(Piece.class);
			case "context" -> EnumSet.of(Piece.CONTEXT_FILTER);
			case "problemDetails" -> EnumSet.of(Piece.PROBLEM_DETAILS);
			case "jsonLog" -> EnumSet.of(Piece.JSON_LOG);
			case "maskedJsonLog" -> EnumSet.of(Piece.MASKED_JSON_LOG);
			case "all" -> EnumSet.allOf(Piece.class);
			default -> throw new IllegalArgumentException("Unknown pieces '" + this.pieces + "'");
		};
		this.chain = RequestChain.build(logging, selected);
		new SetupCheck(logging).verify(this.chain, selected);
	}

	@Setup(Level.Iteration)
	public void nameWorkerThread() {
		this.workerThreadName.set();
	}

	@TearDown(Level.Iteration)
	public void restoreWorkerThreadName() {
		this.workerThreadName.restore();
	}

	@Benchmark
	public MvcResult ok() throws Exception {
		return this.chain.perform(RequestChain.OK).andReturn();
	}

	@Benchmark
	public MvcResult notFound() throws Exception {
		return this.chain.perform(RequestChain.NOT_FOUND).andReturn();
	}

}
