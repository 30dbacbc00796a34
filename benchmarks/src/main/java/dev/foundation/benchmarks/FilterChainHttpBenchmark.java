package dev.foundation.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.foundation.benchmarks.KeepAliveHttpClient.Response;
import dev.foundation.benchmarks.PingServer.Variant;
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

/**
 * {@link FilterChainBenchmark}'s comparison over real HTTP: the same
 * {@link PingController} in a Boot application on embedded Tomcat, bare
 * ({@code baseline}) and with foundation-core's web auto-configurations
 * ({@code foundation}), called from the benchmark thread over one keep-alive connection
 * (see {@link PingServer} for the two variants):
 * <ul>
 * <li>{@code Ok}: {@code GET /ping}, a small JSON body;</li>
 * <li>{@code NotFound}: {@code GET /items/42}, whose handler throws "not found".</li>
 * </ul>
 * Each method runs in its own fork, which starts only its own application. Under MockMvc
 * the request itself costs a few microseconds; here the foundation's absolute cost is set
 * against a request with HTTP parsing, a socket and Tomcat, as a service sees it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
// Tomcat's and Spring's request path (and the error dispatch) keeps getting faster for
// about 20 s of requests.
@Warmup(iterations = 10, time = 3)
// Iterations spread by 5-10% on 2 cores: twelve of them narrow the 99.9% interval
// (Student's t 4.4 instead of 8.6).
@Measurement(iterations = 12, time = 2)
@OverheadGoal(percent = 5)
public class FilterChainHttpBenchmark {

	@Benchmark
	public Response baselineOk(Baseline baseline) {
		return baseline.server.ok();
	}

	@Benchmark
	public Response foundationOk(Foundation foundation) {
		return foundation.server.ok();
	}

	@Benchmark
	public Response baselineNotFound(Baseline baseline) {
		return baseline.server.notFound();
	}

	@Benchmark
	public Response foundationNotFound(Foundation foundation) {
		return foundation.server.notFound();
	}

	/** Bare Boot web MVC, started only in the forks of the {@code baseline} methods. */
	@State(Scope.Benchmark)
	public static class Baseline {

		PingServer server;

		@Setup(Level.Trial)
		public void start() {
			this.server = PingServer.start(Variant.BASELINE);
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.server.close();
		}

	}

	/**
	 * Boot web MVC with the foundation, started only in the forks of the
	 * {@code foundation} methods.
	 */
	@State(Scope.Benchmark)
	public static class Foundation {

		PingServer server;

		@Setup(Level.Trial)
		public void start() {
			this.server = PingServer.start(Variant.FOUNDATION);
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.server.close();
		}

	}

}
