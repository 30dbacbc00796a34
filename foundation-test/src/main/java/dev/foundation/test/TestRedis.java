package dev.foundation.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * A real Redis server for tests, one per JVM.
 * <p>
 * {@link #shared()} finds the server the first time it is called, in this order:
 * <ol>
 * <li>the environment variable {@value #URL_VARIABLE}, such as
 * {@code redis://127.0.0.1:6379};</li>
 * <li>a Testcontainers {@code redis:7-alpine} container, when a Docker engine is
 * reachable;</li>
 * <li>an embedded {@code redis-server} (the binary shipped in
 * {@code com.github.codemonstur:embedded-redis}) on a free loopback port.</li>
 * </ol>
 * When none works it throws an {@link IllegalStateException} that says how to provide
 * one: tests never skip for want of Redis. A container or embedded server is stopped when
 * the JVM exits.
 */
public final class TestRedis {

	/** The environment variable naming an existing server to use. */
	public static final String URL_VARIABLE = "FOUNDATION_TEST_REDIS_URL";

	private static final int DEFAULT_PORT = 6379;

	private static @Nullable TestRedis shared;

	private static @Nullable String sharedFailure;

	private final String source;

	private final String host;

	private final int port;

	private final String url;

	TestRedis(String source, String host, int port) {
		this(source, host, port, "redis://" + host + ":" + port);
	}

	private TestRedis(String source, String host, int port, String url) {
		this.source = source;
		this.host = host;
		this.port = port;
		this.url = url;
	}

	/**
	 * The server for this JVM, found on the first call.
	 * @return the shared server
	 * @throws IllegalStateException if no server could be found or started; the message
	 * says how to provide one
	 */
	public static synchronized TestRedis shared() {
		if (shared != null) {
			return shared;
		}
		if (sharedFailure != null) {
			throw new IllegalStateException(sharedFailure);
		}
		try {
			TestRedis found = locate();
			System.err.println("[foundation-test] Redis from " + found.source + " at " + found.host + ":" + found.port);
			shared = found;
			return found;
		}
		catch (IllegalStateException ex) {
			sharedFailure = ex.getMessage();
			throw ex;
		}
	}

	/**
	 * The host name or address to connect to.
	 * @return the host
	 */
	public String host() {
		return this.host;
	}

	/**
	 * The port to connect to.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The server as a {@code redis://} URL: {@value #URL_VARIABLE} as given, or built
	 * from host and port.
	 * @return the URL
	 */
	public String url() {
		return this.url;
	}

	@Override
	public String toString() {
		return "TestRedis[" + this.source + ", " + this.host + ":" + this.port + "]";
	}

	private static TestRedis locate() {
		String url = TestServiceEnvironment.variable(URL_VARIABLE);
		if (url != null) {
			return fromEnvironment(url);
		}
		SourceAttempts attempts = new SourceAttempts("Redis");
		attempts.failed(URL_VARIABLE, "not set");
		String container = "Testcontainers (" + RedisContainerSource.IMAGE + ")";
		String dockerProblem = DockerEnvironment.unavailableReason();
		if (dockerProblem == null) {
			try {
				return RedisContainerSource.start();
			}
			catch (RuntimeException | LinkageError ex) {
				attempts.failed(container, ex);
			}
		}
		else {
			attempts.failed(container, dockerProblem);
		}
		try {
			return EmbeddedRedisSource.start();
		}
		catch (Exception | LinkageError ex) {
			attempts.failed("embedded redis-server (com.github.codemonstur:embedded-redis)", ex);
		}
		throw attempts.exhausted("Provide one of them: export " + URL_VARIABLE
				+ "=redis://127.0.0.1:6379 (e.g. after 'redis-server --port 6379 --save \"\" --daemonize yes'), or start"
				+ " a Docker engine, or fix the embedded server's error above.");
	}

	private static TestRedis fromEnvironment(String url) {
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(URL_VARIABLE + " is set but is not a URL: '" + url + "'", ex);
		}
		if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
			throw new IllegalStateException(URL_VARIABLE + " must look like redis://host:port, but is '" + url + "'");
		}
		int port = (uri.getPort() != -1) ? uri.getPort() : DEFAULT_PORT;
		TestRedis redis = new TestRedis(URL_VARIABLE, uri.getHost(), port, url);
		String answer = redis.ping();
		// NOAUTH still proves a Redis server listens there; the credentials in the URL
		// are the client's business.
		if (!answer.startsWith("+PONG") && !answer.startsWith("-NOAUTH")) {
			throw new IllegalStateException(URL_VARIABLE + " is set to " + uri.getHost() + ":" + port
					+ " but PING there answered '" + answer
					+ "'. Start Redis there, correct the variable, or unset it to use Docker or an embedded server.");
		}
		return redis;
	}

	private String ping() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(this.host, this.port), 2000);
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			for (int next = in.read(); next != -1 && next != '\r' && next != '\n'; next = in.read()) {
				line.append((char) next);
			}
			return line.toString();
		}
		catch (IOException ex) {
			throw new IllegalStateException(URL_VARIABLE + " is set to " + this.host + ":" + this.port
					+ " but connecting failed: " + SourceAttempts.describe(ex)
					+ ". Start Redis there, correct the variable, or unset it to use Docker or an embedded server.",
					ex);
		}
	}

}
