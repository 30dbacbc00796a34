package dev.foundation.test.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL 17 server from zonky's embedded binaries, with a fresh data directory
 * under {@code java.io.tmpdir} that is deleted when it is {@linkplain #close() closed}.
 * Its superuser is {@value #SUPERUSER}, with no password.
 * <p>
 * As root, zonky runs {@code initdb} and {@code postgres} under {@code unshare -U}; where
 * user namespaces are blocked it cannot, and the server starts only for a non-root user.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	/** The superuser that owns the cluster; it has no password. */
	public static final String SUPERUSER = "postgres";

	private final EmbeddedPostgres postgres;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
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
		TemporaryDirectory.create();
		if (port != 0) {
			requireFree(port);
		}
		// The caller owns the server and stops it (tests at JVM exit, the sample app when
		// its context closes), so
		// zonky's own shutdown hook would only race with that.
		return new EmbeddedPostgresServer(
				EmbeddedPostgres.builder().setPort(port).setRegisterShutdownHook(false).start());
	}

	/**
	 * The port the server listens on (on every local address).
	 * @return the port
	 */
	public int port() {
		return this.postgres.getPort();
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
	 */
	public DataSource superuserDataSource() {
		return this.postgres.getPostgresDatabase();
	}

	/**
	 * Stops the server and deletes its data directory.
	 * @throws IOException if stopping failed
	 */
	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

	@Override
	public String toString() {
		return "EmbeddedPostgresServer[localhost:" + port() + "]";
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
