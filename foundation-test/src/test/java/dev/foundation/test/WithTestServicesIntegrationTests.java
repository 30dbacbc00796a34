package dev.foundation.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WithTestServices @WithTestServices} on a plain Spring test: the properties it
 * sets reach the context, point at servers that answer, and give way to the test's own
 * properties.
 */
@SpringJUnitConfig(WithTestServicesIntegrationTests.Empty.class)
@WithTestServices(database = "kit_services", applicationRole = true)
@TestPropertySource(properties = "spring.flyway.password=set-by-the-test")
class WithTestServicesIntegrationTests {

	@Autowired
	private Environment environment;

	@Test
	void datasourcePointsAtAFreshDatabaseOfTheSharedServer() throws SQLException {
		String url = this.environment.getRequiredProperty("spring.datasource.url");
		assertThat(url).matches("jdbc:postgresql://[^/]+/kit_services_[a-z0-9]{12}(\\?.*)?");
		try (Connection connection = connectAsApplication();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select current_database()")) {
			assertThat(result.next()).isTrue();
			assertThat(url).contains("/" + result.getString(1));
		}
	}

	@Test
	void applicationRoleIsSubjectToRowLevelSecurity() throws SQLException {
		assertThat(this.environment.getRequiredProperty("spring.datasource.username"))
			.isNotEqualTo(TestPostgres.shared().username());
		assertThat(this.environment.getRequiredProperty("spring.flyway.user"))
			.isEqualTo(TestPostgres.shared().username());
		try (Connection connection = connectAsApplication();
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("select rolsuper, rolbypassrls from pg_roles where rolname = current_user")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getBoolean(1)).isFalse();
			assertThat(result.getBoolean(2)).isFalse();
		}
	}

	@Test
	void redisPropertiesNameTheSharedServer() {
		assertThat(this.environment.getRequiredProperty("spring.data.redis.host")).isEqualTo(TestRedis.shared().host());
		assertThat(this.environment.getRequiredProperty("spring.data.redis.port", Integer.class))
			.isEqualTo(TestRedis.shared().port());
		assertThat(this.environment.getRequiredProperty("foundation.tenancy.resolution.cache.redis.key-prefix"))
			.startsWith("foundation-test:");
	}

	@Test
	void testsOwnPropertiesWinOverTheTestServices() {
		assertThat(this.environment.getRequiredProperty("spring.flyway.password")).isEqualTo("set-by-the-test");
	}

	private Connection connectAsApplication() throws SQLException {
		return DriverManager.getConnection(this.environment.getRequiredProperty("spring.datasource.url"),
				this.environment.getRequiredProperty("spring.datasource.username"),
				this.environment.getRequiredProperty("spring.datasource.password"));
	}

	@Nested
	class NestedTests {

		@Autowired
		private Environment nestedEnvironment;

		@Test
		void nestedClassSharesTheEnclosingClassesDatabase() {
			assertThat(this.nestedEnvironment.getRequiredProperty("spring.datasource.url")).isEqualTo(
					WithTestServicesIntegrationTests.this.environment.getRequiredProperty("spring.datasource.url"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
