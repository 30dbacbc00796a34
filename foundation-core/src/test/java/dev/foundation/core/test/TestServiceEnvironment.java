package dev.foundation.core.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * What the test servers read from, and need of, the JVM they run in.
 */
final class TestServiceEnvironment {

	private TestServiceEnvironment() {
	}

	/** An environment variable's trimmed value, or {@code null} when it is unset or blank. */
	static @Nullable String variable(String name) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	/**
	 * {@code java.io.tmpdir}, created if missing: the build points it at {@code target/tmp}, which nothing else
	 * creates, and the embedded servers unpack their binaries and keep their data there.
	 */
	static Path temporaryDirectory() {
		try {
			return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create java.io.tmpdir", ex);
		}
	}

	static void stopOnExit(String name, Runnable stop) {
		Runtime.getRuntime().addShutdownHook(new Thread(stop, name));
	}

}
