package dev.foundation.tenancy.persistence;

import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.tenancy.autoconfigure.TenantIsolationAutoConfiguration;
import dev.foundation.tenancy.rls.RlsTestDatabase;
import dev.foundation.test.WithTenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WithTenant @WithTenant} with a test-managed transaction, connected as a role
 * subject to row-level security: the tenant must already be bound when the transaction
 * begins (that is when it reaches the database), so plain SQL in the test sees exactly
 * the annotated tenant's rows.
 */
@SpringJUnitConfig(WithTenantIntegrationTests.Config.class)
@DirtiesContext
@Transactional
@WithTenant(WithTenantIntegrationTests.TENANT_A)
class WithTenantIntegrationTests {

	static final String TENANT_A = "0190b7e4-4a1f-7c3e-8d2b-00000000000a";

	static final String TENANT_B = "0190b7e4-4a1f-7c3e-8d2b-00000000000b";

	private static RlsTestDatabase database;

	@Autowired
	private TestNoteRepository notes;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		RlsTestDatabase created = database();
		registry.add("spring.datasource.url", created::jdbcUrl);
		registry.add("spring.datasource.username", created::appRole);
		registry.add("spring.datasource.hikari.maximum-pool-size", () -> 2);
		registry.add("spring.jpa.hibernate.ddl-auto", () -> "validate");
	}

	private static synchronized RlsTestDatabase database() {
		if (database == null) {
			database = RlsTestDatabase.create("with_tenant");
			database
				.createTenantTable("create table tenant_notes (id uuid primary key, created_at timestamptz not null, "
						+ "updated_at timestamptz not null, version bigint not null, tenant_id uuid not null, "
						+ "body text not null)", "tenant_notes");
			database.execute("insert into tenant_notes select gen_random_uuid(), now(), now(), 0, tenant::uuid, body "
					+ "from (values ('" + TENANT_A + "', 'a-0'), ('" + TENANT_A + "', 'a-1'), ('" + TENANT_A
					+ "', 'a-2'), " + "('" + TENANT_B + "', 'b-0'), ('" + TENANT_B
					+ "', 'b-1')) as rows (tenant, body)");
		}
		return database;
	}

	@AfterAll
	static void dropDatabase() {
		if (database != null) {
			database.close();
		}
	}

	@Test
	void testManagedTransactionSeesOnlyTheAnnotatedTenantsRows() {
		assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
		assertThat(this.notes.findAll()).extracting(TestNote::getBody).containsExactlyInAnyOrder("a-0", "a-1", "a-2");
		// No Hibernate filter on plain SQL: only row-level security, bound when the
		// transaction began, keeps B out.
		assertThat(this.jdbc.queryForObject("select count(*) from tenant_notes", Integer.class)).isEqualTo(3);
	}

	@Test
	@WithTenant(TENANT_B)
	void methodAnnotationBindsItsTenantInstead() {
		assertThat(this.notes.findAll()).extracting(TestNote::getBody).containsExactlyInAnyOrder("b-0", "b-1");
		assertThat(this.jdbc.queryForObject("select count(*) from tenant_notes", Integer.class)).isEqualTo(2);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
			DataJpaRepositoriesAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
			JdbcTemplateAutoConfiguration.class, TransactionAutoConfiguration.class,
			TenantIsolationAutoConfiguration.class })
	@EntityScan(basePackageClasses = TestNote.class)
	@EnableJpaRepositories(basePackageClasses = TestNote.class)
	static class Config {

		// Migrated by the superuser: the owner's migration gives the binding key, as with
		// a migration role.
		@Bean
		FoundationSchemaMigration foundationSchemaMigration() {
			return database().migration();
		}

	}

}
