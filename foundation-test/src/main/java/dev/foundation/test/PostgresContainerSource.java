package dev.foundation.test;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A PostgreSQL server in a Testcontainers container; only loaded once a Docker engine is
 * known to answer.
 */
final class PostgresContainerSource {

	static final String IMAGE = "postgres:17-alpine";

	private PostgresContainerSource() {
	}

	static TestPostgres start() {
		PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
		try {
			container.start();
		}
		catch (RuntimeException ex) {
			container.stop();
			throw ex;
		}
		TestServiceEnvironment.stopOnExit("foundation-test-postgres-container-stop", container::stop);
		return new TestPostgres("a Testcontainers " + IMAGE + " container", PostgresUrl.parse(container.getJdbcUrl()),
				container.getUsername(), container.getPassword());
	}

}
