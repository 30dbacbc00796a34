package dev.foundation.sample.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java.io.tmpdir}, where the embedded servers unpack their binaries and keep their data.
 */
final class TemporaryDirectory {

	private TemporaryDirectory() {
	}

	/** Creates it if missing: it may point at a directory nobody made yet, such as the build's {@code target/tmp}. */
	static Path create() throws IOException {
		return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
	}

}
