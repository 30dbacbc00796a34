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
 * The cost of auditing a write over HTTP: {@code PUT /api/v1/notes/{id}} changes one note
 * of the caller's tenant in a transaction (RLS on, the foundation's defaults), with the
 * audit log on ({@code foundation}: {@code @Audited} writes {@code note.update} into the
 * tenant's hash chain in the same transaction) and off ({@code baseline}:
 * {@code foundation.audit.enabled=false}, the same update without its event). Embedded
 * Tomcat, real PostgreSQL, tokens of {@code TestJwtIssuer}, see
 * {@link TenantNotesServer}. The goal: the audited update costs at most 15% more time per
 * request.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
@Warmup(iterations = 8, time = 4)
@Measurement(iterations = 5, time = 4)
@OverheadGoal(percent = 15)
@ThroughputRatioGoal(1 / 1.15)
public class AuditedUpdateHttpBenchmark {

	@Benchmark
	public String baselineUpdate(AuditOff off) {
		return off.server.update();
	}

	@Benchmark
	public String foundationUpdate(AuditOn on) {
		return on.server.update();
	}

	/**
	 * The application with the audit log on.
	 */
	@State(Scope.Benchmark)
	public static class AuditOn {

		TenantNotesServer server;

		@Setup(Level.Trial)
		public void start() {
			this.server = TenantNotesServer.start(true, true);
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.server.close();
		}

	}

	/**
	 * The application with the audit log off.
	 */
	@State(Scope.Benchmark)
	public static class AuditOff {

		TenantNotesServer server;

		@Setup(Level.Trial)
		public void start() {
			this.server = TenantNotesServer.start(true, false);
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.server.close();
		}

	}

}
