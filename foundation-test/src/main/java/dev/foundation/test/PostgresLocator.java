package dev.foundation.test;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/**
 * Finds the PostgreSQL server for {@link TestPostgres#shared()}: the environment, then
 * Docker, then embedded.
 */
final class PostgresLocator {

	private PostgresLocator() {
	}

	static TestPostgres locate() {
		String url = TestServiceEnvironment.variable(TestPostgres.URL_VARIABLE);
		if (url != null) {
			return fromEnvironment(url);
		}
		SourceAttempts attempts = new SourceAttempts("PostgreSQL");
		attempts.failed(TestPostgres.URL_VARIABLE, "not set");
		String container = "Testcontainers (" + PostgresContainerSource.IMAGE + ")";
		String dockerProblem = DockerEnvironment.unavailableReason();
		if (dockerProblem == null) {
			try {
				return PostgresContainerSource.start();
			}
			catch (RuntimeException | LinkageError ex) {
				attempts.failed(container, ex);
			}
		}
		else {
			attempts.failed(container, dockerProblem);
		}
		try {
			return EmbeddedPostgresSource.start();
		}
		catch (Exception | LinkageError ex) {
			attempts.failed("embedded PostgreSQL (zonky)", ex);
		}
		throw attempts.exhausted("Provide one of them: export " + TestPostgres.URL_VARIABLE
				+ "=jdbc:postgresql://127.0.0.1:5432/test?user=postgres (an account that may create databases and roles; "
				+ TestPostgres.USER_VARIABLE + " and " + TestPostgres.PASSWORD_VARIABLE
				+ " are optional), or start a Docker engine, or fix the embedded server's error above (as root it needs"
				+ " user namespaces, 'unshare -U'; otherwise run the build as a non-root user).");
	}

	private static TestPostgres fromEnvironment(String url) {
		PostgresUrl parsed;
		try {
			parsed = PostgresUrl.parse(url);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(TestPostgres.URL_VARIABLE + " is set but unusable: " + ex.getMessage(), ex);
		}
		String username = firstNonNull(TestServiceEnvironment.variable(TestPostgres.USER_VARIABLE),
				parsed.parameter("user"), "postgres");
		String password = firstNonNull(TestServiceEnvironment.variable(TestPostgres.PASSWORD_VARIABLE),
				parsed.parameter("password"), "");
		TestPostgres postgres = new TestPostgres(TestPostgres.URL_VARIABLE, parsed, username, password);
		try {
			postgres.checkConnection();
		}
		catch (SQLException ex) {
			// The variable names this server explicitly: falling back to another one
			// would hide a broken setup.
			throw new IllegalStateException(TestPostgres.URL_VARIABLE + " is set to " + parsed.withoutCredentials()
					+ " (user " + username + ") but connecting failed: " + SourceAttempts.describe(ex)
					+ ". Start that server, correct the variable, or unset it to use Docker or an embedded server.",
					ex);
		}
		TestServiceEnvironment.stopOnExit("foundation-test-postgres-cleanup", postgres::dropCreatedDatabases);
		return postgres;
	}

	private static String firstNonNull(@Nullable String first, @Nullable String second, String fallback) {
		return (first != null) ? first : (second != null) ? second : fallback;
	}

}
