package dev.foundation.test.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * A {@code redis-server} from the binaries in
 * {@code com.github.codemonstur:embedded-redis} (Redis 6.2; linux-amd64, arm64 and
 * macOS), on a free port of {@value #HOST}, keeping nothing on disk (no RDB snapshots, no
 * append-only file). It can be {@linkplain #kill() killed} (SIGKILL) and
 * {@linkplain #restart() restarted} on the same port.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

	/** The address the server binds to. */
	public static final String HOST = "127.0.0.1";

	private static final int ATTEMPTS = 3;

	private RedisServer server;

	private final int port;

	private final Path pidFile;

	private boolean killed;

	private EmbeddedRedisServer(RedisServer server, int port, Path pidFile) {
		this.server = server;
		this.port = port;
		this.pidFile = pidFile;
	}

	/**
	 * Starts a server on a free port of {@value #HOST}.
	 * @return the running server; {@link #close() close} it when done
	 * @throws IOException if the server did not start
	 */
	public static EmbeddedRedisServer start() throws IOException {
		Path tmp = TemporaryDirectory.create();
		@Nullable IOException last = null;
		// redis-server cannot be told to pick a port itself, and a free port found here
		// may be taken before it binds.
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			int port = freePort();
			Path pidFile = tmp.resolve("foundation-redis-" + port + "-" + System.nanoTime() + ".pid");
			RedisServer server = build(port, pidFile);
			try {
				server.start();
			}
			catch (IOException ex) {
				last = ex;
				continue;
			}
			return new EmbeddedRedisServer(server, port, pidFile);
		}
		throw new IOException("redis-server did not start on any of " + ATTEMPTS + " free ports", last);
	}

	// The pid file names the process to kill(); redis-server writes it even when not
	// daemonized once it is configured.
	private static RedisServer build(int port, Path pidFile) throws IOException {
		return RedisServer.newRedisServer()
			.bind(HOST)
			.port(port)
			.setting("save \"\"")
			.setting("appendonly no")
			.setting("pidfile " + pidFile)
			.build();
	}

	/**
	 * Kills the server as a crash would (SIGKILL): open connections break, new ones are
	 * refused until {@link #restart()}; its data is gone (nothing is kept on disk).
	 * @throws IOException if its process cannot be found or does not die
	 */
	public synchronized void kill() throws IOException {
		if (this.killed) {
			return;
		}
		long pid = Long.parseLong(Files.readString(this.pidFile, StandardCharsets.US_ASCII).trim());
		ProcessHandle process = ProcessHandle.of(pid)
			.orElseThrow(() -> new IOException("No redis-server process " + pid + " for " + this));
		process.destroyForcibly();
		try {
			process.onExit().get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while killing " + this, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IOException("redis-server " + pid + " of " + this + " did not die", ex);
		}
		this.killed = true;
		// Reaps the process and ends the library's output readers.
		this.server.stop();
	}

	/**
	 * Starts the server again after {@link #kill()}, on the same port, empty.
	 * @throws IOException if it does not start (the port was taken meanwhile, for
	 * instance)
	 * @throws IllegalStateException if it is running
	 */
	public synchronized void restart() throws IOException {
		if (!this.killed) {
			throw new IllegalStateException(this + " is running; stop() or kill() it first");
		}
		RedisServer restarted = build(this.port, this.pidFile);
		restarted.start();
		this.server = restarted;
		this.killed = false;
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
	 * Stops the server gracefully, for tests of an outage; {@link #restart()} brings it
	 * back on the same port, empty.
	 * @throws IOException if stopping failed
	 */
	public synchronized void stop() throws IOException {
		if (this.killed) {
			return;
		}
		this.server.stop();
		this.killed = true;
	}

	/**
	 * Stops the server.
	 * @throws IOException if stopping failed
	 */
	@Override
	public synchronized void close() throws IOException {
		try {
			if (!this.killed) {
				this.server.stop();
			}
		}
		finally {
			Files.deleteIfExists(this.pidFile);
		}
	}

	@Override
	public String toString() {
		return "EmbeddedRedisServer[" + HOST + ":" + this.port + "]";
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
	}

}
