package dev.foundation.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of the shared test servers themselves, against whichever source
 * {@link TestPostgres#shared()} and {@link TestRedis#shared()} find on this machine.
 */
class TestServicesIntegrationTests {

	private final TestPostgres postgres = TestPostgres.shared();

	@Test
	void createdDatabaseAcceptsConnections() throws SQLException {
		String database = this.postgres.createDatabase("support");
		try {
			assertThat(queryOne(database, "select 1")).isEqualTo("1");
			assertThat(queryOne(database, "select current_database()")).isEqualTo(database);
		}
		finally {
			this.postgres.dropDatabase(database);
		}
	}

	@Test
	void createDatabaseReturnsDistinctSafeNames() {
		String first = this.postgres.createDatabase("support");
		String second = this.postgres.createDatabase("support");
		String cleaned = this.postgres.createDatabase("Tenancy-RLS tests!");
		try {
			assertThat(first).isNotEqualTo(second).matches("support_[a-z0-9]{12}");
			assertThat(cleaned).matches("tenancy_rls_tests__[a-z0-9]{12}");
		}
		finally {
			this.postgres.dropDatabase(first);
			this.postgres.dropDatabase(second);
			this.postgres.dropDatabase(cleaned);
		}
	}

	@Test
	void droppedDatabaseIsGoneEvenWithOpenSessions() throws SQLException {
		String survivor = this.postgres.createDatabase("support");
		String doomed = this.postgres.createDatabase("support");
		try (Connection open = this.postgres.dataSource(doomed).getConnection()) {
			this.postgres.dropDatabase(doomed);
			assertThat(queryOne(survivor, "select count(*) from pg_database where datname = '" + doomed + "'"))
				.isEqualTo("0");
		}
		finally {
			this.postgres.dropDatabase(survivor);
		}
	}

	@Test
	void dropDatabaseRejectsNamesItCouldNotHaveCreated() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.postgres.dropDatabase("x\"; drop table y; --"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.postgres.dropDatabase("Upper"));
	}

	@Test
	void redisAnswersPing() {
		TestRedis redis = TestRedis.shared();
		RedisClient client = RedisClient.create("redis://" + redis.host() + ":" + redis.port());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			assertThat(connection.sync().ping()).isEqualTo("PONG");
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void registerReusesOneDatabasePerPrefix() throws SQLException {
		Map<String, Object> first = register("support_reuse");
		Map<String, Object> again = register("support_reuse");
		Map<String, Object> other = register("support_other");

		assertThat(again).isEqualTo(first);
		assertThat(other.get("spring.datasource.url")).isNotEqualTo(first.get("spring.datasource.url"));
		assertThat(first).containsEntry("spring.datasource.username", this.postgres.username())
			.containsEntry("spring.datasource.password", this.postgres.password())
			.containsEntry("spring.data.redis.host", TestRedis.shared().host())
			.containsEntry("spring.data.redis.port", TestRedis.shared().port());
		String url = (String) first.get("spring.datasource.url");
		try (Connection connection = DriverManager.getConnection(url, this.postgres.username(),
				this.postgres.password())) {
			assertThat(connection.isValid(2)).isTrue();
		}
	}

	private static Map<String, Object> register(String prefix) {
		Map<String, Object> properties = new HashMap<>();
		DynamicPropertyRegistry registry = (name, value) -> properties.put(name, value.get());
		FoundationTestServices.register(registry, prefix);
		return properties;
	}

	private String queryOne(String database, String sql) throws SQLException {
		try (Connection connection = this.postgres.dataSource(database).getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			assertThat(result.next()).isTrue();
			return result.getString(1);
		}
	}

}
