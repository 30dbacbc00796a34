package dev.foundation.core.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * An embedded {@code redis-server} on a free loopback port, keeping nothing on disk.
 */
final class EmbeddedRedisSource {

	private static final String HOST = "127.0.0.1";

	private static final int ATTEMPTS = 3;

	private EmbeddedRedisSource() {
	}

	static TestRedis start() throws IOException {
		TestServiceEnvironment.temporaryDirectory();
		@Nullable IOException last = null;
		// Redis cannot be told to pick a port itself, and a free port found here may be taken before it binds.
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			int port = freePort();
			RedisServer server = RedisServer.newRedisServer()
				.bind(HOST)
				.port(port)
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			try {
				server.start();
			}
			catch (IOException ex) {
				last = ex;
				continue;
			}
			TestServiceEnvironment.stopOnExit("foundation-test-embedded-redis-stop", () -> stop(server));
			return new TestRedis("embedded redis-server", HOST, port);
		}
		throw new IOException("redis-server did not start on any of " + ATTEMPTS + " free ports", last);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
	}

	private static void stop(RedisServer server) {
		try {
			server.stop();
		}
		catch (IOException ex) {
			System.err.println("[foundation-test] could not stop embedded redis-server: " + ex.getMessage());
		}
	}

}
