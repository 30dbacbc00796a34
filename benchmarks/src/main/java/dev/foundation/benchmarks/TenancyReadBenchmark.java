package dev.foundation.benchmarks;

import java.util.concurrent.TimeUnit;

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
 * Throughput of a tenant-scoped read endpoint with PostgreSQL row-level security on (the
 * foundation's default) against the same endpoint with it off, over real HTTP to embedded
 * Tomcat and a real PostgreSQL (see {@link TenantNotesServer} for the two variants):
 * <ul>
 * <li>{@code List}: {@code GET /api/v1/notes}, the caller's tenant's 20 notes, newest
 * first, as JSON;</li>
 * <li>{@code Get}: {@code GET /api/v1/notes/{id}}, one of them.</li>
 * </ul>
 * {@code baseline} is RLS off, {@code foundation} RLS on. The goal is a throughput ratio
 * (on / off) of at least 0.9, which is the same as at most 1/0.9 - 1 = 11.1% more time
 * per request.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
// Hibernate's and Spring's request path takes tens of seconds of requests to be compiled:
// 30 ms per request at first.
@Warmup(iterations = 8, time = 4)
@Measurement(iterations = 5, time = 4)
@OverheadGoal(percent = 100.0 / 9)
@ThroughputRatioGoal(0.9)
public class TenancyReadBenchmark {

	@Benchmark
	public String baselineList(RlsOff off) {
		return off.server.list();
	}

	@Benchmark
	public String foundationList(RlsOn on) {
		return on.server.list();
	}

	@Benchmark
	public String baselineGet(RlsOff off) {
		return off.server.get();
	}

	@Benchmark
	public String foundationGet(RlsOn on) {
		return on.server.get();
	}

	/**
	 * The application with row-level security on, started only in the forks of the
	 * {@code foundation} methods.
	 */
	@State(Scope.Benchmark)
	public static class RlsOn {

		TenantNotesServer server;

		@Setup(Level.Trial)
		public void start() {
			this.server = TenantNotesServer.start(true);
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.server.close();
		}

	}

	/**
	 * The application with row-level security off, started only in the forks of the
	 * {@code baseline} methods.
	 */
	@State(Scope.Benchmark)
	public static class RlsOff {

		TenantNotesServer server;

		@Setup(Level.Trial)
		public void start() {
			this.server = TenantNotesServer.start(false);
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.server.close();
		}

	}

}
