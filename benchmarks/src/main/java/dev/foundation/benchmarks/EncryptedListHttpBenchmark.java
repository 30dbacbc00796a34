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
 * The cost of field encryption on a read endpoint over HTTP: {@code GET} of the caller's
 * tenant's 20 contacts, newest first, as JSON, from a table whose e-mail and phone are
 * {@code @Encrypted} (with their blind-index columns, like the sample's contacts:
 * {@code foundation}, 40 decryptions per list) against the same contacts in plain columns
 * ({@code baseline}). Both through Spring Data JPA, RLS on, the foundation's defaults,
 * embedded Tomcat, real PostgreSQL, tokens of {@code TestJwtIssuer}; see
 * {@link EncryptedListServer}. The goal: the encrypted list costs at most 10% more time
 * per request.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
@Warmup(iterations = 8, time = 4)
@Measurement(iterations = 5, time = 4)
@OverheadGoal(percent = 10)
@ThroughputRatioGoal(1 / 1.10)
public class EncryptedListHttpBenchmark {

	@Benchmark
	public String baselineList(Contacts contacts) {
		return contacts.server.plainList();
	}

	@Benchmark
	public String foundationList(Contacts contacts) {
		return contacts.server.encryptedList();
	}

	/**
	 * The application, started in each method's fork.
	 */
	@State(Scope.Benchmark)
	public static class Contacts {

		EncryptedListServer server;

		@Setup(Level.Trial)
		public void start() {
			this.server = EncryptedListServer.start();
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.server.close();
		}

	}

}
