package dev.foundation.test;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Redis server in a Testcontainers container; only loaded once a Docker engine is known
 * to answer.
 */
final class RedisContainerSource {

	static final String IMAGE = "redis:7-alpine";

	private static final int REDIS_PORT = 6379;

	private RedisContainerSource() {
	}

	static TestRedis start() {
		GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
			.withExposedPorts(REDIS_PORT);
		try {
			container.start();
		}
		catch (RuntimeException ex) {
			container.stop();
			throw ex;
		}
		TestServiceEnvironment.stopOnExit("foundation-test-redis-container-stop", container::stop);
		return new TestRedis("a Testcontainers " + IMAGE + " container", container.getHost(),
				container.getMappedPort(REDIS_PORT));
	}

}
