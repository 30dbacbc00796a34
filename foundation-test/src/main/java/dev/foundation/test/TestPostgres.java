package dev.foundation.test;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for tests, one per JVM, in which each test suite creates
 * databases of its own.
 * <p>
 * {@link #shared()} finds the server the first time it is called, in this order:
 * <ol>
 * <li>the environment variable {@value #URL_VARIABLE}, a JDBC URL such as
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres} for an account that may
 * create databases and roles (a superuser is expected); {@value #USER_VARIABLE} and
 * {@value #PASSWORD_VARIABLE} override the URL's credentials;</li>
 * <li>a Testcontainers {@code postgres:17-alpine} container, when a Docker engine is
 * reachable;</li>
 * <li>an embedded PostgreSQL 17 (zonky) on a free port, with its data under
 * {@code java.io.tmpdir}.</li>
 * </ol>
 * When none works it throws an {@link IllegalStateException} that says how to provide
 * one: tests never skip for want of a database. A container or embedded server is stopped
 * when the JVM exits; on a server given through the environment the databases created
 * here are dropped then instead.
 * <p>
 * The accounts used are superusers, and superusers bypass row-level security even with
 * {@code FORCE}: tests of row-level security must {@code SET LOCAL ROLE} to, or connect
 * as, a non-superuser role they create.
 */
public final class TestPostgres {

	/** The environment variable naming an existing server to use. */
	public static final String URL_VARIABLE = "FOUNDATION_TEST_POSTGRES_URL";

	/** The environment variable overriding the user name of {@value #URL_VARIABLE}. */
	public static final String USER_VARIABLE = "FOUNDATION_TEST_POSTGRES_USER";

	/** The environment variable overriding the password of {@value #URL_VARIABLE}. */
	public static final String PASSWORD_VARIABLE = "FOUNDATION_TEST_POSTGRES_PASSWORD";

	private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private static final Pattern UNSAFE_CHARACTERS = Pattern.compile("[^a-z0-9_]+");

	private static final int MAX_PREFIX_LENGTH = 40;

	private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static @Nullable TestPostgres shared;

	private static @Nullable String sharedFailure;

	private final String source;

	private final PostgresUrl adminUrl;

	private final String username;

	private final String password;

	private final Set<String> createdDatabases = ConcurrentHashMap.newKeySet();

	private final Set<String> createdRoles = ConcurrentHashMap.newKeySet();

	TestPostgres(String source, PostgresUrl adminUrl, String username, String password) {
		this.source = source;
		this.adminUrl = adminUrl.withoutCredentials();
		this.username = username;
		this.password = password;
	}

	/**
	 * The server for this JVM, found on the first call.
	 * @return the shared server
	 * @throws IllegalStateException if no server could be found or started; the message
	 * says how to provide one
	 */
	public static synchronized TestPostgres shared() {
		if (shared != null) {
			return shared;
		}
		if (sharedFailure != null) {
			// A second search would fail the same way, only slower.
			throw new IllegalStateException(sharedFailure);
		}
		try {
			TestPostgres found = PostgresLocator.locate();
			found.announce();
			shared = found;
			return found;
		}
		catch (IllegalStateException ex) {
			sharedFailure = ex.getMessage();
			throw ex;
		}
	}

	/**
	 * The JDBC URL of a database on this server, without credentials.
	 * @param database the database name
	 * @return the JDBC URL
	 */
	public String jdbcUrl(String database) {
		if (database.isBlank() || database.contains("/") || database.contains("?")) {
			throw new IllegalArgumentException("Not a usable database name: '" + database + "'");
		}
		return this.adminUrl.withDatabase(database).toString();
	}

	/**
	 * The user name to connect with.
	 * @return the user name
	 */
	public String username() {
		return this.username;
	}

	/**
	 * The password to connect with, empty when the server needs none.
	 * @return the password
	 */
	public String password() {
		return this.password;
	}

	/**
	 * Creates an empty database (from {@code template0}) with a name no other call
	 * returns.
	 * @param prefix the start of the name; lower-cased, with every run of characters
	 * other than letters, digits and underscores replaced by one underscore
	 * @return the new database's name: the cleaned prefix, an underscore and a random
	 * suffix
	 */
	public String createDatabase(String prefix) {
		String name = uniqueName(prefix);
		execute("CREATE DATABASE " + quote(name) + " TEMPLATE template0");
		this.createdDatabases.add(name);
		return name;
	}

	/**
	 * Creates a login role that is neither superuser nor allowed to bypass row-level
	 * security, owns nothing and may create nothing: the role an application protected by
	 * row-level security connects with. It is dropped when the JVM exits, after the
	 * databases.
	 * @param prefix the start of its name
	 * @return the role's name and (random) password
	 */
	public Role createRole(String prefix) {
		String name = uniqueName(prefix);
		String password = uniqueName("pw");
		execute("CREATE ROLE " + quote(name) + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '"
				+ password + "'");
		this.createdRoles.add(name);
		return new Role(name, password);
	}

	/**
	 * A data source for one database on this server, opening a new connection each time
	 * (no pool).
	 * @param database the database name
	 * @return the data source
	 */
	public DataSource dataSource(String database) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(jdbcUrl(database));
		dataSource.setUser(this.username);
		dataSource.setPassword(this.password);
		return dataSource;
	}

	/**
	 * Drops a database if it exists, ending any session still connected to it.
	 * @param name the database name, as returned by {@link #createDatabase(String)}
	 */
	public void dropDatabase(String name) {
		if (!SAFE_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Refusing to drop '" + name + "': not a name createDatabase returns");
		}
		if (name.equals(this.adminUrl.database())) {
			throw new IllegalArgumentException("Refusing to drop '" + name + "': it is the server's admin database");
		}
		execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
		this.createdDatabases.remove(name);
	}

	@Override
	public String toString() {
		return "TestPostgres[" + this.source + ", " + this.adminUrl + ", user " + this.username + "]";
	}

	void checkConnection() throws SQLException {
		try (Connection connection = dataSource(this.adminUrl.database()).getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("select rolsuper from pg_roles where rolname = current_user")) {
			if (!result.next() || !result.getBoolean(1)) {
				System.err.println("[foundation-test] warning: " + this.username + " is not a superuser on "
						+ this.adminUrl + "; tests that create roles or databases may fail");
			}
		}
	}

	private void announce() {
		String version;
		try (Connection connection = dataSource(this.adminUrl.database()).getConnection()) {
			version = connection.getMetaData().getDatabaseProductVersion();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL from " + this.source + " at " + this.adminUrl
					+ " does not accept connections: " + SourceAttempts.describe(ex), ex);
		}
		System.err.println("[foundation-test] PostgreSQL " + version + " from " + this.source + " at " + this.adminUrl
				+ " (user " + this.username + ")");
	}

	/**
	 * Why: a server given through the environment outlives the build, so databases left
	 * behind would pile up there. {@code FORCE} ends the sessions of connection pools
	 * that are still being closed by other shutdown hooks.
	 */
	void dropCreatedDatabases() {
		for (String name : Set.copyOf(this.createdDatabases)) {
			try {
				dropDatabase(name);
			}
			catch (RuntimeException ex) {
				System.err.println(
						"[foundation-test] could not drop test database " + name + ": " + SourceAttempts.describe(ex));
			}
		}
		// Roles are cluster-wide and hold privileges in the databases dropped above,
		// hence this order.
		for (String role : Set.copyOf(this.createdRoles)) {
			try {
				execute("DROP ROLE IF EXISTS " + quote(role));
				this.createdRoles.remove(role);
			}
			catch (RuntimeException ex) {
				System.err
					.println("[foundation-test] could not drop test role " + role + ": " + SourceAttempts.describe(ex));
			}
		}
	}

	/**
	 * A login role created by {@link #createRole(String)}.
	 *
	 * @param name the role's name
	 * @param password its password
	 */
	public record Role(String name, String password) {

		@Override
		public String toString() {
			return "Role[" + this.name + "]";
		}

	}

	private void execute(String sql) {
		try (Connection connection = dataSource(this.adminUrl.database()).getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("'" + sql + "' failed on " + this.adminUrl + ": " + ex.getMessage(), ex);
		}
	}

	private static String uniqueName(String prefix) {
		String cleaned = UNSAFE_CHARACTERS.matcher(prefix.toLowerCase(Locale.ROOT)).replaceAll("_");
		if (cleaned.isEmpty() || Character.isDigit(cleaned.charAt(0))) {
			cleaned = "db_" + cleaned;
		}
		if (cleaned.length() > MAX_PREFIX_LENGTH) {
			cleaned = cleaned.substring(0, MAX_PREFIX_LENGTH);
		}
		StringBuilder name = new StringBuilder(cleaned).append('_');
		for (int i = 0; i < 12; i++) {
			name.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
		}
		return name.toString();
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

}
