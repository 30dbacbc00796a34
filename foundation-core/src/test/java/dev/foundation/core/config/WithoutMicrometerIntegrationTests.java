package dev.foundation.core.config;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.foundation.test.TestRedis;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Micrometer is optional: an application with the foundation's Redis features and no
 * Micrometer on its class path starts, and the features work. Run in a separate JVM whose
 * class path is this one's without Micrometer's jars, because a class that names a
 * missing type fails only when it is introspected, which a filtering class loader in this
 * JVM would not reproduce.
 */
class WithoutMicrometerIntegrationTests {

	@Test
	void redisFeaturesStartAndWorkWithoutMicrometer() throws Exception {
		String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !Path.of(entry).getFileName().toString().startsWith("micrometer-core"))
			.collect(Collectors.joining(File.pathSeparator));
		assertThat(classPath).isNotEqualTo(System.getProperty("java.class.path"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", classPath,
				WithoutMicrometerApplication.class.getName(), TestRedis.shared().url())
			.redirectErrorStream(true)
			.start();
		boolean ended = process.waitFor(120, TimeUnit.SECONDS);
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!ended) {
			process.destroyForcibly();
		}
		assertThat(ended).as(output).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains(WithoutMicrometerApplication.WORKED);
	}

}
