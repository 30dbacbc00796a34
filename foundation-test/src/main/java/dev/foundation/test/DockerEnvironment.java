package dev.foundation.test;

import org.jspecify.annotations.Nullable;

/**
 * Whether Testcontainers can start containers here. Kept apart from the container sources
 * so that a module without Testcontainers on its test classpath still loads the rest of
 * this package.
 */
final class DockerEnvironment {

	private static final String DOCKER_CLIENT_FACTORY = "org.testcontainers.DockerClientFactory";

	private DockerEnvironment() {
	}

	/** Why containers cannot be used, or {@code null} when a Docker engine answers. */
	static @Nullable String unavailableReason() {
		try {
			Class.forName(DOCKER_CLIENT_FACTORY, false, DockerEnvironment.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			return "Testcontainers is not on the classpath";
		}
		try {
			// Returns false in well under a second without a Docker engine;
			// Testcontainers caches the answer per JVM.
			return org.testcontainers.DockerClientFactory.instance().isDockerAvailable() ? null
					: "no Docker engine found (DockerClientFactory.isDockerAvailable() is false)";
		}
		catch (RuntimeException | LinkageError ex) {
			return "Docker check failed: " + SourceAttempts.describe(ex);
		}
	}

}
