package dev.foundation.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The comparison of {@link EncryptedListHttpBenchmark} (the 20 contacts with two
 * encrypted columns against the same list in plain columns, over HTTP) in alternating
 * rounds against one application, instead of JMH's one fork after the other: on a machine
 * shared with other work the load drifts between forks by more than the difference
 * measured, while alternating rounds see the same load. Each round sends
 * {@value #REQUESTS_PER_ROUND} requests to each endpoint (in turns of which goes first)
 * and records the wall-clock time and the CPU time of this whole JVM (client, Tomcat,
 * Hibernate, GC, compiler; PostgreSQL's own time is only in the wall clock) per request.
 * Prints the medians and the overhead of the encrypted list. Not a JMH benchmark: run it
 * with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.foundation.benchmarks.EncryptedListCpuTime [rounds]}.
 */
public final class EncryptedListCpuTime {

	private static final int REQUESTS_PER_ROUND = 500;

	private static final int WARM_UP_REQUESTS = 10_000;

	private EncryptedListCpuTime() {
	}

	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 60;
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		try (EncryptedListServer server = EncryptedListServer.start()) {
			@SuppressWarnings("unchecked")
			Supplier<String>[] lists = new Supplier[] { server::plainList, server::encryptedList };
			String[] names = { "plain", "encrypted" };
			for (int i = 0; i < WARM_UP_REQUESTS; i++) {
				for (Supplier<String> list : lists) {
					list.get();
				}
			}
			double[][] wall = new double[2][rounds];
			double[][] cpu = new double[2][rounds];
			for (int round = 0; round < rounds; round++) {
				for (int k = 0; k < 2; k++) {
					int which = (round + k) % 2;
					long cpuStart = os.getProcessCpuTime();
					long start = System.nanoTime();
					for (int i = 0; i < REQUESTS_PER_ROUND; i++) {
						lists[which].get();
					}
					wall[which][round] = (System.nanoTime() - start) / 1e3 / REQUESTS_PER_ROUND;
					cpu[which][round] = (os.getProcessCpuTime() - cpuStart) / 1e3 / REQUESTS_PER_ROUND;
				}
			}
			double[] wallMedian = new double[2];
			double[] cpuMedian = new double[2];
			for (int k = 0; k < 2; k++) {
				wallMedian[k] = print(names[k] + " wall", wall[k]);
				cpuMedian[k] = print(names[k] + " CPU ", cpu[k]);
			}
			System.out.printf("encrypted list overhead: wall %+.1f %%, JVM CPU %+.1f %% (%.0f us CPU per list)%n",
					100 * (wallMedian[1] / wallMedian[0] - 1), 100 * (cpuMedian[1] / cpuMedian[0] - 1),
					cpuMedian[1] - cpuMedian[0]);
		}
	}

	private static double print(String name, double[] micros) {
		double[] sorted = micros.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		System.out.printf("%-15s median %8.1f us/request, p25 %8.1f, p75 %8.1f, mean %8.1f%n", name, sorted[n / 2],
				sorted[n / 4], sorted[3 * n / 4], Arrays.stream(sorted).average().orElse(0));
		return sorted[n / 2];
	}

}
