package dev.foundation.test;

import java.io.IOException;

import dev.foundation.test.embedded.EmbeddedRedisServer;

/**
 * An {@link EmbeddedRedisServer} on a free loopback port, stopped when the JVM exits.
 */
final class EmbeddedRedisSource {

	private EmbeddedRedisSource() {
	}

	static TestRedis start() throws IOException {
		EmbeddedRedisServer server = EmbeddedRedisServer.start();
		TestServiceEnvironment.stopOnExit("foundation-test-embedded-redis-stop", () -> stop(server));
		return new TestRedis("embedded redis-server", server.host(), server.port());
	}

	private static void stop(EmbeddedRedisServer server) {
		try {
			server.close();
		}
		catch (IOException ex) {
			System.err.println("[foundation-test] could not stop embedded redis-server: " + ex.getMessage());
		}
	}

}
