package dev.foundation.test.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL 17 server from zonky's embedded binaries, with a fresh data directory
 * under {@code java.io.tmpdir} that is deleted when it is {@linkplain #close() closed}.
 * Its superuser is {@value #SUPERUSER}, with no password.
 * <p>
 * It can be {@linkplain #kill() killed} (SIGKILL, as a crashed or OOM-killed server) and
 * {@linkplain #restart() restarted} on the same port and data directory, which replays
 * the write-ahead log as after a crash. Every commit it acknowledged survives that:
 * {@code synchronous_commit} is on (zonky turns it off), so a commit is written to the
 * operating system before it is acknowledged; {@code fsync} is off, which loses nothing
 * when only the server's processes die (not the machine) and keeps commits fast.
 * <p>
 * As root, zonky runs {@code initdb} and {@code postgres} under {@code unshare -U}; where
 * user namespaces are blocked it cannot, and the server starts only for a non-root user.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	/** The superuser that owns the cluster; it has no password. */
	public static final String SUPERUSER = "postgres";

	private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

	private final Path dataDirectory;

	private final int port;

	private @Nullable EmbeddedPostgres postgres;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
		this.port = postgres.getPort();
	}

	/**
	 * Starts a server on a free port.
	 * @return the running server; {@link #close() close} it when done
	 * @throws IOException if the binaries cannot be unpacked or the server does not start
	 */
	public static EmbeddedPostgresServer start() throws IOException {
		return start(0);
	}

	/**
	 * Starts a server on the given port.
	 * @param port the port to listen on, or 0 for a free one
	 * @return the running server; {@link #close() close} it when done
	 * @throws IOException if the port is taken, the binaries cannot be unpacked or the
	 * server does not start
	 */
	public static EmbeddedPostgresServer start(int port) throws IOException {
		Path tmp = TemporaryDirectory.create();
		if (port != 0) {
			requireFree(port);
		}
		Path dataDirectory = Files.createTempDirectory(tmp, "foundation-pg-");
		try {
			return new EmbeddedPostgresServer(launch(dataDirectory, port), dataDirectory);
		}
		catch (IOException | RuntimeException ex) {
			deleteRecursively(dataDirectory);
			throw ex;
		}
	}

	// The data directory is the server's, not zonky's to delete: kill() must release
	// zonky's lock on it without losing it.
	private static EmbeddedPostgres launch(Path dataDirectory, int port) throws IOException {
		// The caller owns the server and stops it (tests at JVM exit, the sample app when
		// its context closes), so zonky's own shutdown hook would only race with that.
		return EmbeddedPostgres.builder()
			.setPort(port)
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("fsync", "off")
			.setRegisterShutdownHook(false)
			.start();
	}

	/**
	 * The port the server listens on (on every local address); the same after a
	 * {@link #restart()}.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The JDBC URL of a database on this server, without credentials.
	 * @param database the database name, e.g. {@code postgres}, which always exists
	 * @return a URL such as {@code jdbc:postgresql://localhost:54321/postgres}
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + port() + "/" + database;
	}

	/**
	 * A data source for the {@code postgres} database, connecting as {@value #SUPERUSER}.
	 * @return the data source
	 * @throws IllegalStateException if the server was killed and not restarted
	 */
	public DataSource superuserDataSource() {
		EmbeddedPostgres running = this.postgres;
		if (running == null) {
			throw new IllegalStateException(this + " was killed and not restarted");
		}
		return running.getPostgresDatabase();
	}

	/**
	 * Whether the server is running: started or restarted, not killed or closed.
	 * @return whether it runs
	 */
	public boolean isRunning() {
		return this.postgres != null;
	}

	/**
	 * Kills the server as a crash would: SIGKILL to the postmaster and every process it
	 * started, at once, no shutdown checkpoint. Open connections break; new ones are
	 * refused until {@link #restart()}.
	 * @throws IOException if the server's process cannot be found or does not die
	 */
	public synchronized void kill() throws IOException {
		EmbeddedPostgres running = this.postgres;
		if (running == null) {
			return;
		}
		long pid = postmasterPid();
		ProcessHandle postmaster = ProcessHandle.of(pid)
			.orElseThrow(() -> new IOException("No postmaster process " + pid + " for " + this));
		List<ProcessHandle> processes = new ArrayList<>();
		processes.add(postmaster);
		postmaster.descendants().forEach(processes::add);
		processes.forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle process : processes) {
			try {
				process.onExit().get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while killing " + this, ex);
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new IOException("Process " + process.pid() + " of " + this + " did not die", ex);
			}
		}
		this.postgres = null;
		// Releases zonky's lock on the data directory; its "pg_ctl stop" fails on the
		// dead server and is logged by zonky.
		running.close();
	}

	/**
	 * Starts the server again after {@link #kill()}, on the same port and data directory:
	 * PostgreSQL recovers from its write-ahead log as after a crash.
	 * @throws IOException if it does not start (the port was taken meanwhile, for
	 * instance)
	 * @throws IllegalStateException if it is running
	 */
	public synchronized void restart() throws IOException {
		if (this.postgres != null) {
			throw new IllegalStateException(this + " is running; kill() it first");
		}
		requireFree(this.port);
		this.postgres = launch(this.dataDirectory, this.port);
	}

	/**
	 * Stops the server (if running) and deletes its data directory.
	 * @throws IOException if stopping failed
	 */
	@Override
	public synchronized void close() throws IOException {
		EmbeddedPostgres running = this.postgres;
		this.postgres = null;
		try {
			if (running != null) {
				running.close();
			}
		}
		finally {
			deleteRecursively(this.dataDirectory);
		}
	}

	@Override
	public String toString() {
		return "EmbeddedPostgresServer[localhost:" + this.port + "]";
	}

	private long postmasterPid() throws IOException {
		Path pidFile = this.dataDirectory.resolve("postmaster.pid");
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
		if (lines.isEmpty()) {
			throw new IOException(pidFile + " is empty");
		}
		return Long.parseLong(lines.get(0).trim());
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	/**
	 * Why: zonky decides that its server is up once {@code SELECT 1} succeeds on the
	 * port, so with a port that another PostgreSQL already holds it would report success
	 * while that other server answers.
	 */
	private static void requireFree(int port) throws IOException {
		try {
			new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
		}
		catch (IOException ex) {
			throw new IOException("port " + port + " is already in use", ex);
		}
	}

}
