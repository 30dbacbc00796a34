package dev.foundation.sample.devservices;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * A {@code redis-server} from the binaries in {@code com.github.codemonstur:embedded-redis}, on a free loopback
 * port, keeping nothing on disk.
 */
final class EmbeddedRedisDevService implements DevService {

	static final String CONFIGURATION = "SPRING_DATA_REDIS_HOST and SPRING_DATA_REDIS_PORT";

	private static final String HOST = "127.0.0.1";

	private static final int ATTEMPTS = 3;

	private final RedisServer server;

	private final int port;

	private EmbeddedRedisDevService(RedisServer server, int port) {
		this.server = server;
		this.port = port;
	}

	static EmbeddedRedisDevService start() {
		@Nullable Exception last = null;
		// redis-server cannot pick a free port itself, and one found here may be taken before it binds: retry.
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			try {
				TemporaryDirectory.create();
				int port = freePort();
				RedisServer server = RedisServer.newRedisServer()
					.bind(HOST)
					.port(port)
					.setting("save \"\"")
					.setting("appendonly no")
					.build();
				server.start();
				return new EmbeddedRedisDevService(server, port);
			}
			catch (IOException | RuntimeException ex) {
				last = ex;
			}
		}
		throw new DevServiceStartException("Redis", CONFIGURATION,
				new IOException("redis-server did not start on any of " + ATTEMPTS + " free ports", last));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
	}

	@Override
	public String description() {
		return "embedded Redis at " + HOST + ":" + this.port;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("spring.data.redis.host", HOST, "spring.data.redis.port", this.port);
	}

	@Override
	public void stop() throws Exception {
		this.server.stop();
	}

}
