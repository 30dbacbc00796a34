package dev.foundation.test.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * A {@code redis-server} from the binaries in
 * {@code com.github.codemonstur:embedded-redis} (Redis 6.2; linux-amd64, arm64 and
 * macOS), on a free port of {@value #HOST}, keeping nothing on disk (no RDB snapshots, no
 * append-only file).
 */
public final class EmbeddedRedisServer implements AutoCloseable {

	/** The address the server binds to. */
	public static final String HOST = "127.0.0.1";

	private static final int ATTEMPTS = 3;

	private volatile RedisServer server;

	private final int port;

	private EmbeddedRedisServer(RedisServer server, int port) {
		this.server = server;
		this.port = port;
	}

	/**
	 * Starts a server on a free port of {@value #HOST}.
	 * @return the running server; {@link #close() close} it when done
	 * @throws IOException if the server did not start
	 */
	public static EmbeddedRedisServer start() throws IOException {
		TemporaryDirectory.create();
		@Nullable IOException last = null;
		// redis-server cannot be told to pick a port itself, and a free port found here
		// may be taken before it binds.
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			int port = freePort();
			RedisServer server = build(port);
			try {
				server.start();
			}
			catch (IOException ex) {
				last = ex;
				continue;
			}
			return new EmbeddedRedisServer(server, port);
		}
		throw new IOException("redis-server did not start on any of " + ATTEMPTS + " free ports", last);
	}

	/**
	 * The host to connect to: {@value #HOST}.
	 * @return the host
	 */
	public String host() {
		return HOST;
	}

	/**
	 * The port the server listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Stops the server, for tests of an outage; {@link #restart()} brings it back on the
	 * same port.
	 * @throws IOException if stopping failed
	 */
	public void stop() throws IOException {
		this.server.stop();
	}

	/**
	 * Starts a stopped server again on the same port (with no data: nothing is kept on
	 * disk).
	 * @throws IOException if it did not start
	 */
	public void restart() throws IOException {
		this.server.stop();
		RedisServer next = build(this.port);
		next.start();
		this.server = next;
	}

	/**
	 * Stops the server.
	 * @throws IOException if stopping failed
	 */
	@Override
	public void close() throws IOException {
		this.server.stop();
	}

	@Override
	public String toString() {
		return "EmbeddedRedisServer[" + HOST + ":" + this.port + "]";
	}

	private static RedisServer build(int port) throws IOException {
		return RedisServer.newRedisServer().bind(HOST).port(port).setting("save \"\"").setting("appendonly no").build();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
	}

}
