package dev.foundation.test.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java.io.tmpdir}, where the embedded servers unpack their binaries and keep their
 * data.
 */
final class TemporaryDirectory {

	private TemporaryDirectory() {
	}

	/**
	 * Creates it if missing: it may point at a directory nobody made yet, such as a
	 * build's {@code target/tmp}.
	 */
	static Path create() {
		try {
			return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create java.io.tmpdir", ex);
		}
	}

}
