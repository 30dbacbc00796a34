package dev.foundation.benchmarks;

import java.util.Arrays;

/**
 * The comparison of {@link AuditedUpdateHttpBenchmark} (an audited update over HTTP
 * against the same update with the audit log off) in alternating rounds, both
 * applications running in this JVM, instead of JMH's one fork after the other. One caller
 * waits for each update's commit, so the figure is dominated by the commit's WAL flush,
 * whose time varies from second to second by more than the difference measured;
 * alternating rounds see the same disk. Each round sends {@value #UPDATES_PER_ROUND}
 * updates to each application (in turns of which goes first) and records the wall-clock
 * time per update. Prints the medians and the audited update's overhead. Not a JMH
 * benchmark: run it with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.foundation.benchmarks.AuditedUpdateRounds [rounds]}.
 */
public final class AuditedUpdateRounds {

	private static final int UPDATES_PER_ROUND = 200;

	private static final int WARM_UP_UPDATES = 3_000;

	private AuditedUpdateRounds() {
	}

	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 40;
		try (TenantNotesServer off = TenantNotesServer.start(true, false);
				TenantNotesServer on = TenantNotesServer.start(true, true)) {
			TenantNotesServer[] servers = { off, on };
			String[] names = { "audit off", "audited " };
			for (int i = 0; i < WARM_UP_UPDATES; i++) {
				off.update();
				on.update();
			}
			double[][] wall = new double[2][rounds];
			for (int round = 0; round < rounds; round++) {
				for (int k = 0; k < 2; k++) {
					int which = (round + k) % 2;
					long start = System.nanoTime();
					for (int i = 0; i < UPDATES_PER_ROUND; i++) {
						servers[which].update();
					}
					wall[which][round] = (System.nanoTime() - start) / 1e3 / UPDATES_PER_ROUND;
				}
			}
			double[] medians = new double[2];
			for (int k = 0; k < 2; k++) {
				double[] sorted = wall[k].clone();
				Arrays.sort(sorted);
				medians[k] = sorted[rounds / 2];
				System.out.printf("%s  median %8.1f us per update  (p25 %8.1f, p75 %8.1f)%n", names[k], medians[k],
						sorted[rounds / 4], sorted[(3 * rounds) / 4]);
			}
			System.out.printf("audited update overhead: %+.1f %% (goal <= 15 %%), %d rounds of %d updates each%n",
					100 * (medians[1] / medians[0] - 1), rounds, UPDATES_PER_ROUND);
		}
	}

}
