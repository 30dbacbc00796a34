package dev.foundation.sample.devservices;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL 17 from zonky's embedded binaries, with a fresh data directory under {@code java.io.tmpdir} that is
 * deleted when it stops.
 */
final class EmbeddedPostgresDevService implements DevService {

	static final String CONFIGURATION = "SPRING_DATASOURCE_URL (with SPRING_DATASOURCE_USERNAME and "
			+ "SPRING_DATASOURCE_PASSWORD for the application's role, SPRING_FLYWAY_USER and SPRING_FLYWAY_PASSWORD for "
			+ "the role owning the tables)";

	private static final String OWNER = "postgres";

	/**
	 * Why a second role: row-level security does not apply to superusers and table owners, so the application
	 * connects as a role that owns nothing, while Flyway and the foundation's migration run as the owner.
	 */
	private static final String APPLICATION_ROLE = "sample_app";

	private final EmbeddedPostgres postgres;

	private final String jdbcUrl;

	private EmbeddedPostgresDevService(EmbeddedPostgres postgres) {
		this.postgres = postgres;
		this.jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
	}

	/**
	 * @param port the port to listen on, 0 for a free one
	 */
	static EmbeddedPostgresDevService start(int port) {
		try {
			TemporaryDirectory.create();
			if (port != 0) {
				requireFree(port);
			}
			// Stopped by DevServicesPropertySource, on context close or JVM exit, rather than by zonky's own hook.
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(port).setRegisterShutdownHook(false).start();
			createApplicationRole(postgres);
			return new EmbeddedPostgresDevService(postgres);
		}
		catch (Exception | LinkageError ex) {
			throw new DevServiceStartException("PostgreSQL", CONFIGURATION, ex);
		}
	}

	private static void createApplicationRole(EmbeddedPostgres postgres) throws SQLException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create role " + APPLICATION_ROLE + " login nosuperuser nocreatedb nocreaterole "
					+ "nobypassrls");
		}
	}

	/**
	 * Why: zonky decides that its server is up once {@code SELECT 1} succeeds on the port, so with a port that another
	 * PostgreSQL already holds it would report success and the app would use that other server.
	 */
	private static void requireFree(int port) throws IOException {
		try {
			new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
		}
		catch (IOException ex) {
			throw new IOException("port " + port + " (" + DevServicesEnvironmentPostProcessor.POSTGRES_PORT
					+ ") is already in use", ex);
		}
	}

	@Override
	public String description() {
		return "embedded PostgreSQL at " + this.jdbcUrl + " (the application connects as " + APPLICATION_ROLE
				+ ", migrations run as " + OWNER + "; no passwords; data is deleted on shutdown)";
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("spring.datasource.url", this.jdbcUrl, "spring.datasource.username", APPLICATION_ROLE,
				"spring.datasource.password", "", "spring.flyway.user", OWNER, "spring.flyway.password", "");
	}

	@Override
	public void stop() throws Exception {
		this.postgres.close();
	}

}
