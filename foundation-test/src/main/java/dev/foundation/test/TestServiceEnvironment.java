package dev.foundation.test;

import org.jspecify.annotations.Nullable;

/**
 * What the test servers read from, and need of, the JVM they run in.
 */
final class TestServiceEnvironment {

	private TestServiceEnvironment() {
	}

	/**
	 * An environment variable's trimmed value, or {@code null} when it is unset or blank.
	 */
	static @Nullable String variable(String name) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	static void stopOnExit(String name, Runnable stop) {
		Runtime.getRuntime().addShutdownHook(new Thread(stop, name));
	}

}
