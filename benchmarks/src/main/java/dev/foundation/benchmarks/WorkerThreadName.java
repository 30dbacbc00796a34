package dev.foundation.benchmarks;

/**
 * Gives the benchmark thread a Tomcat worker's name for the duration of an iteration.
 * <p>
 * Every log line carries the thread name and the masking decorator scans every string
 * value, so JMH's long worker names
 * ({@code dev.foundation.benchmarks.FilterChainBenchmark.foundationOk-jmh-worker-1})
 * would make masking look costlier than it is in a service.
 */
final class WorkerThreadName {

	private static final String TOMCAT_WORKER = "http-nio-8080-exec-1";

	private String original = "";

	void set() {
		this.original = Thread.currentThread().getName();
		Thread.currentThread().setName(TOMCAT_WORKER);
	}

	void restore() {
		Thread.currentThread().setName(this.original);
	}

}
