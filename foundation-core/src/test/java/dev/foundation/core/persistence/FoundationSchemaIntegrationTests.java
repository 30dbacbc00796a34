package dev.foundation.core.persistence;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.foundation.core.persistence.autoconfigure.FoundationSchemaAutoConfiguration;
import dev.foundation.test.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The foundation's own migrations against a real PostgreSQL: their own schema and
 * history, applied before the application's Flyway migrations.
 */
class FoundationSchemaIntegrationTests {

	private final TestPostgres postgres = TestPostgres.shared();

	private String database;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void freshDatabase() {
		this.database = this.postgres.createDatabase("foundation_schema");
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
					FoundationSchemaAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + this.postgres.jdbcUrl(this.database),
					"spring.datasource.username=" + this.postgres.username(),
					"spring.datasource.password=" + this.postgres.password(),
					"spring.flyway.locations=classpath:db/test-app");
	}

	@Test
	void foundationMigratesIntoItsOwnSchemaBeforeTheApplication() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(FoundationSchemaMigration.class);
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			assertThat(successfulVersions(jdbc, "foundation.foundation_schema_history")).contains("1.0.1");
			assertThat(successfulVersions(jdbc, "public.flyway_schema_history")).containsExactly("1");
			// The application's migration references the foundation's table: it could
			// only succeed after it.
			assertThat(jdbc.queryForObject("select m.note from app_item a join foundation.foundation_core_test_marker m"
					+ " on m.id = a.marker_id", String.class))
				.isEqualTo("foundation-core test migration");
			assertThat(tableSchemas(jdbc, "foundation_core_test_marker")).containsExactly("foundation");
			assertThat(tableSchemas(jdbc, "app_item")).containsExactly("public");
		});
	}

	@Test
	void historiesDoNotSeeEachOthersMigrations() {
		this.contextRunner.run((context) -> {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			assertThat(scripts(jdbc, "foundation.foundation_schema_history")).contains("V1_0_1__test_marker.sql")
				.doesNotContain("V1__app_table_referencing_foundation.sql");
			assertThat(scripts(jdbc, "public.flyway_schema_history"))
				.containsExactly("V1__app_table_referencing_foundation.sql");
			assertThat(tableSchemas(jdbc, "flyway_schema_history")).containsExactly("public");
			assertThat(tableSchemas(jdbc, "foundation_schema_history")).containsExactly("foundation");
		});
	}

	@Test
	void restartAppliesNothingTwice() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			FoundationSchemaMigration migration = context.getBean(FoundationSchemaMigration.class);
			assertThat(migration.getFlyway().info().pending()).isEmpty();
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			assertThat(jdbc.queryForObject(
					"select count(*) from foundation.foundation_schema_history where version = '1.0.1'", Integer.class))
				.isOne();
			assertThat(
					jdbc.queryForObject("select count(*) from foundation.foundation_core_test_marker", Integer.class))
				.isOne();
		});
	}

	@Test
	void schemaHistoryTableAndLocationsAreConfigurable() {
		this.contextRunner
			.withPropertyValues("spring.flyway.enabled=false", "foundation.schema.name=platform",
					"foundation.schema.history-table=platform_history",
					"foundation.schema.locations=classpath:db/foundation")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				assertThat(successfulVersions(jdbc, "platform.platform_history")).contains("1.0.1");
				assertThat(tableSchemas(jdbc, "foundation_core_test_marker")).containsExactly("platform");
				assertThat(schemaExists(jdbc, "foundation")).isFalse();
			});
	}

	@Test
	void disabledSwitchSkipsFoundationMigrations() {
		this.contextRunner.withPropertyValues("foundation.schema.enabled=false", "spring.flyway.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(FoundationSchemaMigration.class);
				JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
				assertThat(schemaExists(jdbc, "foundation")).isFalse();
				assertThat(tableSchemas(jdbc, "foundation_schema_history")).isEmpty();
			});
	}

	@Test
	void withFoundationSchemaDisabledApplicationMigrationThatNeedsItFails() {
		this.contextRunner.withPropertyValues("foundation.schema.enabled=false").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("V1__app_table_referencing_foundation.sql")
				.hasStackTraceContaining("schema \"foundation\" does not exist");
		});
	}

	@Test
	void migratesAsTheFlywayRoleAndGrantsTheApplicationRoleTheTablesOnly() {
		String role = "app_" + UUID.randomUUID().toString().replace("-", "");
		String password = UUID.randomUUID().toString();
		JdbcTemplate admin = new JdbcTemplate(this.postgres.dataSource(this.database));
		admin.execute("create role " + role + " login nosuperuser nocreatedb nocreaterole password '" + password + "'");
		try {
			this.contextRunner
				.withPropertyValues("spring.datasource.username=" + role, "spring.datasource.password=" + password,
						"spring.flyway.user=" + this.postgres.username(),
						"spring.flyway.password=" + this.postgres.password())
				.run((context) -> {
					assertThat(context).hasNotFailed();
					JdbcTemplate app = new JdbcTemplate(context.getBean(DataSource.class));
					assertThat(app.queryForObject("select current_user", String.class)).isEqualTo(role);
					// The migration role owns the foundation's tables; the application's
					// role may use them.
					assertThat(admin.queryForObject("select tableowner from pg_tables where schemaname = 'foundation' "
							+ "and tablename = 'foundation_core_test_marker'", String.class))
						.isEqualTo(this.postgres.username());
					app.update("insert into foundation.foundation_core_test_marker (id, note) values (2, 'app')");
					assertThat(app.queryForObject("select count(*) from foundation.foundation_core_test_marker",
							Integer.class))
						.isEqualTo(2);
					assertThatExceptionOfType(DataAccessException.class)
						.isThrownBy(() -> app.update("delete from foundation.foundation_schema_history"))
						.withRootCauseInstanceOf(SQLException.class)
						.satisfies((ex) -> assertThat(ex.getMostSpecificCause())
							.hasMessageContaining("permission denied for table foundation_schema_history"));
					assertThatExceptionOfType(DataAccessException.class)
						.isThrownBy(() -> app.execute("create table foundation.intruder (id int)"))
						.satisfies((ex) -> assertThat(ex.getMostSpecificCause())
							.hasMessageContaining("permission denied for schema foundation"));
				});
			// Without the migration role the application's own role cannot create the
			// schema.
			this.contextRunner
				.withPropertyValues("spring.datasource.username=" + role, "spring.datasource.password=" + password,
						"foundation.schema.name=other_schema", "spring.flyway.enabled=false")
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.hasStackTraceContaining("permission denied"));
		}
		finally {
			admin.execute("drop owned by " + role);
			admin.execute("drop role " + role);
		}
	}

	private static List<String> successfulVersions(JdbcTemplate jdbc, String historyTable) {
		return jdbc.queryForList(
				"select version from " + historyTable
						+ " where success and version is not null and type <> 'SCHEMA' order by installed_rank",
				String.class);
	}

	private static List<String> scripts(JdbcTemplate jdbc, String historyTable) {
		return jdbc.queryForList("select script from " + historyTable + " where type = 'SQL' order by installed_rank",
				String.class);
	}

	private static List<String> tableSchemas(JdbcTemplate jdbc, String table) {
		return jdbc.queryForList("select table_schema from information_schema.tables where table_name = ?",
				String.class, table);
	}

	private static boolean schemaExists(JdbcTemplate jdbc, String schema) {
		List<Map<String, Object>> rows = jdbc
			.queryForList("select 1 from information_schema.schemata where schema_name = ?", schema);
		return !rows.isEmpty();
	}

}
