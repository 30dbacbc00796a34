package dev.foundation.test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Points a Spring test context at the shared {@link TestPostgres} and {@link TestRedis},
 * for use from a {@link DynamicPropertySource @DynamicPropertySource} method.
 * <p>
 * Each distinct database prefix gets one fresh database per JVM, so test classes that
 * register with the same prefix see the same properties and can share a cached context.
 * Spring keys its context cache on the {@code @DynamicPropertySource} methods themselves,
 * so declare the method once, in a base class the test classes extend, rather than in
 * each class:
 *
 * <pre class="code">
 * abstract class PostgresIntegrationTests {
 *
 *     &#64;DynamicPropertySource
 *     static void testServices(DynamicPropertyRegistry registry) {
 *         FoundationTestServices.register(registry, "tenancy");
 *     }
 *
 * }
 * </pre>
 */
public final class FoundationTestServices {

	/** The prefix of the database {@link #register(DynamicPropertyRegistry)} uses. */
	public static final String DEFAULT_DATABASE_PREFIX = "it";

	private static final String REDIS_KEY_PREFIX = "foundation-test:" + UUID.randomUUID() + ":";

	private static final Map<String, String> databases = new HashMap<>();

	private static final Map<String, TestPostgres.Role> roles = new HashMap<>();

	private FoundationTestServices() {
	}

	/**
	 * Registers the datasource and Redis properties, using the database for prefix
	 * {@value #DEFAULT_DATABASE_PREFIX}.
	 * @param registry the registry passed to the {@code @DynamicPropertySource} method
	 */
	public static void register(DynamicPropertyRegistry registry) {
		register(registry, DEFAULT_DATABASE_PREFIX);
	}

	/**
	 * Registers {@code spring.datasource.url}, {@code .username} and {@code .password}
	 * for this prefix's database (created on first use), {@code spring.data.redis.host}
	 * and {@code .port}, and a Redis key prefix of this JVM for the tenant cache.
	 * @param registry the registry passed to the {@code @DynamicPropertySource} method
	 * @param databasePrefix the prefix of the database's name; one database per prefix
	 * and JVM
	 */
	public static void register(DynamicPropertyRegistry registry, String databasePrefix) {
		TestPostgres postgres = TestPostgres.shared();
		registerServices(registry, postgres, databasePrefix);
		registry.add("spring.datasource.username", postgres::username);
		registry.add("spring.datasource.password", postgres::password);
	}

	private static void registerServices(DynamicPropertyRegistry registry, TestPostgres postgres,
			String databasePrefix) {
		TestRedis redis = TestRedis.shared();
		String database = databaseFor(postgres, databasePrefix);
		registry.add("spring.datasource.url", () -> postgres.jdbcUrl(database));
		registry.add("spring.data.redis.host", redis::host);
		registry.add("spring.data.redis.port", redis::port);
		// Redis outlives the test database: entries cached by an earlier run (a slug
		// naming a tenant of a dropped
		// database) must not be found by this one.
		registry.add("foundation.tenancy.resolution.cache.redis.key-prefix", () -> REDIS_KEY_PREFIX);
	}

	/**
	 * Like {@link #register(DynamicPropertyRegistry, String)}, but the application
	 * connects with a role of its own (created once per prefix and JVM; neither superuser
	 * nor owner, so row-level security applies to it), while Flyway and the foundation's
	 * migration run as the server's user ({@code spring.flyway.user}), owning the tables.
	 * @param registry the registry passed to the {@code @DynamicPropertySource} method
	 * @param databasePrefix the prefix of the database's name; one database per prefix
	 * and JVM
	 */
	public static void registerWithApplicationRole(DynamicPropertyRegistry registry, String databasePrefix) {
		TestPostgres postgres = TestPostgres.shared();
		registerServices(registry, postgres, databasePrefix);
		TestPostgres.Role role = roleFor(postgres, databasePrefix);
		registry.add("spring.datasource.username", role::name);
		registry.add("spring.datasource.password", role::password);
		registry.add("spring.flyway.user", postgres::username);
		registry.add("spring.flyway.password", postgres::password);
	}

	private static synchronized TestPostgres.Role roleFor(TestPostgres postgres, String prefix) {
		return roles.computeIfAbsent(prefix, (key) -> postgres.createRole(key + "_app"));
	}

	private static synchronized String databaseFor(TestPostgres postgres, String prefix) {
		return databases.computeIfAbsent(prefix, postgres::createDatabase);
	}

}
