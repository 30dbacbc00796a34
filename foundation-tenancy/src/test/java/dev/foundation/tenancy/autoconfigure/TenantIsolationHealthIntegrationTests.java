package dev.foundation.tenancy.autoconfigure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.tenancy.health.TenantIsolationHealthIndicator;
import dev.foundation.tenancy.rls.RlsTestDatabase;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code tenantIsolation} health component and the returned-connection check wired by
 * auto-configuration into a JPA application on a real PostgreSQL, connected as the
 * application role (neither superuser nor owner).
 */
class TenantIsolationHealthIntegrationTests {

	private static final Duration MAX_AGE = Duration.ofSeconds(2);

	private static RlsTestDatabase database;

	private static final String TABLE = TenantIsolationHealthNote.TABLE;

	@BeforeAll
	static void createDatabase() {
		database = RlsTestDatabase.create("rls_health");
		database.createTenantTable("create table " + TABLE + " (id uuid primary key, created_at timestamptz not null, "
				+ "updated_at timestamptz not null, version bigint not null, tenant_id uuid not null, "
				+ "body text not null)", TABLE);
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					HibernateJpaAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
					TransactionAutoConfiguration.class, TenantIsolationAutoConfiguration.class,
					TenantIsolationHealthContributorAutoConfiguration.class))
			.withUserConfiguration(Entities.class)
			.withBean(FoundationSchemaMigration.class, database::migration)
			.withPropertyValues("spring.datasource.url=" + database.jdbcUrl(),
					"spring.datasource.username=" + database.appRole(), "spring.datasource.hikari.maximum-pool-size=1",
					"spring.jpa.hibernate.ddl-auto=validate", "spring.jpa.open-in-view=false",
					"foundation.tenancy.isolation.self-check-max-age=" + MAX_AGE.toMillis() + "ms");
	}

	@Test
	void healthIsUpWithTheTablesAndDownNamingTheTableOnceItsPolicyIsDroppedAtRuntime() {
		String table = TABLE;
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			TenantIsolationHealthIndicator indicator = context.getBean(TenantIsolationHealthIndicator.class);
			long started = System.nanoTime();
			Health up = indicator.health();
			assertThat(up.getStatus()).isEqualTo(Status.UP);
			assertThat(up.getDetails()).containsEntry("tables", List.of(table)).doesNotContainKey("problems");

			database.execute("drop policy tenant_isolation on " + table);
			try {
				Health cached = indicator.health();
				if (Duration.ofNanos(System.nanoTime() - started).compareTo(MAX_AGE) < 0) {
					// Still the startup check's result: the catalog is not read on every
					// health request.
					assertThat(cached.getStatus()).isEqualTo(Status.UP);
					assertThat(cached.getDetails().get("checkedAt")).isEqualTo(up.getDetails().get("checkedAt"));
				}
				Thread.sleep(MAX_AGE.toMillis() + 100);
				Health down = indicator.health();
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(down.getDetails().get("problems")).asInstanceOf(InstanceOfAssertFactories.list(String.class))
					.singleElement()
					.asString()
					.contains("table " + table + " has no tenant_isolation policy");
			}
			finally {
				database.execute("select foundation.enable_tenant_rls('" + table + "')");
			}
		});
	}

	@Test
	void leakedSessionSettingShowsInHealthAndCounterAndNeverReachesTheNextBorrower() {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			DataSource dataSource = context.getBean(DataSource.class);
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean("tenantSettingLeakMeterBinder", MeterBinder.class).bindTo(registry);
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("set foundation.tenant_binding = '" + UUID.randomUUID() + "'");
			}
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet result = statement
						.executeQuery("select current_setting('foundation.tenant_binding', true)")) {
				result.next();
				assertThat(result.getString(1)).isNull();
			}
			assertThat(registry.get("foundation.tenancy.isolation.leaked.settings").functionCounter().count())
				.isEqualTo(1);
			Health health = context.getBean(TenantIsolationHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails().get("connectionCheck"))
				.asInstanceOf(InstanceOfAssertFactories.map(String.class, Long.class))
				.containsEntry("leakedSettings", 1L)
				.containsEntry("failures", 0L);
		});
	}

	@Test
	void switchedOffTheReturnedConnectionsAreNotChecked() {
		runner().withPropertyValues("foundation.tenancy.isolation.connection-check.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			DataSource dataSource = context.getBean(DataSource.class);
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("set foundation.tenant_binding = 'kept'");
			}
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet result = statement
						.executeQuery("select current_setting('foundation.tenant_binding', true)")) {
				result.next();
				// What the check prevents: the next borrower inherits the setting.
				assertThat(result.getString(1)).isEqualTo("kept");
			}
			Map<String, Object> details = context.getBean(TenantIsolationHealthIndicator.class).health().getDetails();
			assertThat(details).doesNotContainKey("connectionCheck");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = TenantIsolationHealthNote.class)
	static class Entities {

	}

}
