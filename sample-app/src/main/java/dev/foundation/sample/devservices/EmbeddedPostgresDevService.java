package dev.foundation.sample.devservices;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import dev.foundation.test.embedded.EmbeddedPostgresServer;

/**
 * foundation-test's {@link EmbeddedPostgresServer}: PostgreSQL 17 with a fresh data
 * directory under {@code java.io.tmpdir} that is deleted when it stops, plus the role the
 * application connects as.
 */
final class EmbeddedPostgresDevService implements DevService {

	static final String CONFIGURATION = "SPRING_DATASOURCE_URL (with SPRING_DATASOURCE_USERNAME and "
			+ "SPRING_DATASOURCE_PASSWORD for the application's role, SPRING_FLYWAY_USER and SPRING_FLYWAY_PASSWORD for "
			+ "the role owning the tables)";

	private static final String OWNER = EmbeddedPostgresServer.SUPERUSER;

	/**
	 * Why a second role: row-level security does not apply to superusers and table
	 * owners, so the application connects as a role that owns nothing, while Flyway and
	 * the foundation's migration run as the owner.
	 */
	private static final String APPLICATION_ROLE = "sample_app";

	private final EmbeddedPostgresServer server;

	private final String jdbcUrl;

	private EmbeddedPostgresDevService(EmbeddedPostgresServer server) {
		this.server = server;
		this.jdbcUrl = server.jdbcUrl("postgres");
	}

	/**
	 * @param port the port to listen on, 0 for a free one
	 */
	static EmbeddedPostgresDevService start(int port) {
		EmbeddedPostgresServer server;
		try {
			// Stopped by DevServicesPropertySource, on context close or JVM exit.
			server = EmbeddedPostgresServer.start(port);
		}
		catch (IOException ex) {
			throw new DevServiceStartException("PostgreSQL", CONFIGURATION,
					(port != 0) ? new IOException(ex.getMessage() + " (port " + port + " is set by "
							+ DevServicesEnvironmentPostProcessor.POSTGRES_PORT + ")", ex) : ex);
		}
		catch (Exception | LinkageError ex) {
			throw new DevServiceStartException("PostgreSQL", CONFIGURATION, ex);
		}
		try {
			createApplicationRole(server);
			return new EmbeddedPostgresDevService(server);
		}
		catch (SQLException | RuntimeException ex) {
			closeQuietly(server);
			throw new DevServiceStartException("PostgreSQL", CONFIGURATION, ex);
		}
	}

	private static void createApplicationRole(EmbeddedPostgresServer server) throws SQLException {
		try (Connection connection = server.superuserDataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(
					"create role " + APPLICATION_ROLE + " login nosuperuser nocreatedb nocreaterole " + "nobypassrls");
		}
	}

	private static void closeQuietly(EmbeddedPostgresServer server) {
		try {
			server.close();
		}
		catch (IOException ex) {
			System.err.println("Could not stop " + server + ": " + ex);
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
		this.server.close();
	}

}
