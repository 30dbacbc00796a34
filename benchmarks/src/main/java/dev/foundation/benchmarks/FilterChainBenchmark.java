package dev.foundation.benchmarks;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.foundation.benchmarks.RequestChain.Piece;
import dev.foundation.core.context.RequestContextFilter;
import dev.foundation.core.error.NotFoundException;
import dev.foundation.core.error.web.ProblemDetailExceptionHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.server.ResponseStatusException;

/**
 * The foundation's part of the request path (request context filter, problem+json error
 * handling, JSON logging with masking) against bare Spring MVC, both driven through
 * {@link MockMvc} in the same JVM and run.
 * <p>
 * Both variants serve the same {@link PingController} and write one log line per request;
 * they differ only in what the foundation adds:
 * <ul>
 * <li><b>baseline</b>: {@code standaloneSetup} with Spring's default exception resolvers
 * (the 404 is a {@link ResponseStatusException}) and Spring Boot's plain console
 * pattern;</li>
 * <li><b>foundation</b>: the same plus {@link RequestContextFilter} (one trusted proxy,
 * so {@code X-Forwarded-For} is walked), {@link ProblemDetailExceptionHandler} as
 * controller advice (the 404 is a {@link NotFoundException}) and the JSON encoder with
 * the MDC ids and the default masks.</li>
 * </ul>
 * Pairs are named {@code baselineX}/{@code foundationX}; {@link BenchmarkRunner} prints
 * their ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@OverheadGoal(percent = 5)
public class FilterChainBenchmark {

	private static final Set<Piece> FOUNDATION = EnumSet.allOf(Piece.class);

	private MockMvc baseline;

	private MockMvc foundation;

	private final WorkerThreadName workerThreadName = new WorkerThreadName();

	@Setup(Level.Trial)
	public void setUp() {
		BenchmarkLogging logging = BenchmarkLogging.install();
		this.baseline = RequestChain.build(logging, EnumSet.noneOf(Piece.class));
		this.foundation = RequestChain.build(logging, FOUNDATION);
		new SetupCheck(logging).verify(this.baseline, EnumSet.noneOf(Piece.class)).verify(this.foundation, FOUNDATION);
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
	public MvcResult baselineOk() throws Exception {
		return this.baseline.perform(RequestChain.OK).andReturn();
	}

	@Benchmark
	public MvcResult foundationOk() throws Exception {
		return this.foundation.perform(RequestChain.OK).andReturn();
	}

	@Benchmark
	public MvcResult baselineNotFound() throws Exception {
		return this.baseline.perform(RequestChain.NOT_FOUND).andReturn();
	}

	@Benchmark
	public MvcResult foundationNotFound() throws Exception {
		return this.foundation.perform(RequestChain.NOT_FOUND).andReturn();
	}

}
