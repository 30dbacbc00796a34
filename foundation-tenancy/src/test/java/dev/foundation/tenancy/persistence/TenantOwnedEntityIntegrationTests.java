package dev.foundation.tenancy.persistence;

import java.lang.reflect.Field;
import java.util.List;
import java.util.UUID;

import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.tenancy.autoconfigure.TenantIsolationAutoConfiguration;
import dev.foundation.tenancy.rls.RlsTestDatabase;
import dev.foundation.tenancy.rls.TenantBindingJpaDialect;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link TenantOwnedEntity} through Spring Data JPA and Hibernate on a real PostgreSQL,
 * wired by {@link TenantIsolationAutoConfiguration}: connected as the application role
 * both layers hold; connected as the superuser (which bypasses row-level security,
 * self-check off) Hibernate's tenant restriction is shown to hold alone.
 */
class TenantOwnedEntityIntegrationTests {

	private static final UUID TENANT_A = UUID.randomUUID();

	private static final UUID TENANT_B = UUID.randomUUID();

	private static RlsTestDatabase database;

	@BeforeAll
	static void createDatabase() {
		database = RlsTestDatabase.create("rls_jpa");
		database.createTenantTable("create table tenant_notes (id uuid primary key, created_at timestamptz not null, "
				+ "updated_at timestamptz not null, version bigint not null, tenant_id uuid not null, "
				+ "body text not null)", "tenant_notes");
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	@BeforeEach
	void clean() {
		database.execute("truncate tenant_notes");
	}

	private ApplicationContextRunner runner(String user) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					HibernateJpaAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
					TransactionAutoConfiguration.class, TenantIsolationAutoConfiguration.class))
			.withUserConfiguration(Entities.class)
			.withBean(FoundationSchemaMigration.class, database::migration)
			.withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + user,
					"spring.datasource.hikari.maximum-pool-size=2", "spring.jpa.hibernate.ddl-auto=validate",
					"spring.jpa.open-in-view=false");
	}

	private void asApplicationRole(ContextConsumer<AssertableApplicationContext> test) {
		runner(database.appRole()).run((context) -> {
			assertThat(context).hasNotFailed();
			test.accept(context);
		});
	}

	private void asSuperuserWithoutRls(ContextConsumer<AssertableApplicationContext> test) {
		runner(superuser()).withPropertyValues("foundation.tenancy.isolation.self-check=off").run((context) -> {
			assertThat(context).hasNotFailed();
			test.accept(context);
		});
	}

	private static String superuser() {
		return dev.foundation.test.TestPostgres.shared().username();
	}

	@Test
	void wiresTheTenantBindingDialectIntoBootsEntityManagerFactory() {
		asApplicationRole((context) -> {
			assertThat(((EntityManagerFactoryInfo) context.getBean(EntityManagerFactory.class)).getJpaDialect())
				.isInstanceOf(TenantBindingJpaDialect.class);
			assertThat(context).getBean(PlatformTransactionManager.class).isInstanceOf(JpaTransactionManager.class);
		});
	}

	@Test
	void repositoryAndJpqlSeeOnlyTheCurrentTenant() {
		asApplicationRole((context) -> {
			TestNoteRepository notes = context.getBean(TestNoteRepository.class);
			List<TestNote> own = seed(notes);
			TenantScope.run(TENANT_A, () -> {
				assertThat(notes.findAll()).hasSize(3)
					.allSatisfy((note) -> assertThat(note.getTenantId()).isEqualTo(TENANT_A));
				assertThat(notes.count()).isEqualTo(3);
				assertThat(notes.findByBody("b-0")).isEmpty();
				assertThat(notes.search("a-")).hasSize(3);
				assertThat(notes.search("b-")).isEmpty();
				assertThat(notes.findById(own.get(3).getId())).isEmpty();
			});
			TenantScope.run(TENANT_B, () -> assertThat(notes.findAll()).extracting(TestNote::getBody)
				.containsExactlyInAnyOrder("b-0", "b-1"));
			// JDBC joining the JPA transaction runs on its connection, so row-level
			// security sees the tenant too.
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			Integer rows = TenantScope.call(TENANT_B, () -> transactions
				.execute((status) -> jdbc.queryForObject("select count(*) from tenant_notes", Integer.class)));
			assertThat(rows).isEqualTo(2);
		});
	}

	@Test
	void declaredQueryMethodsRunInATransactionSoTheTenantIsBound() {
		asApplicationRole((context) -> {
			TestNoteRepository notes = context.getBean(TestNoteRepository.class);
			seed(notes);
			assertThat(TenantScope.call(TENANT_B, () -> notes.findByBody("b-1"))).hasSize(1);
			assertThat(TenantScope.call(TENANT_B, () -> notes.search("b-"))).hasSize(2);
		});
		database.execute("truncate tenant_notes");
		runner(database.appRole()).withPropertyValues("foundation.tenancy.isolation.transactional-query-methods=false")
			.run((context) -> {
				TestNoteRepository notes = context.getBean(TestNoteRepository.class);
				seed(notes);
				// Without a transaction nothing binds the tenant: row-level security
				// fails closed.
				assertThat(TenantScope.call(TENANT_B, () -> notes.search("b-"))).isEmpty();
				TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
				List<TestNote> found = TenantScope.call(TENANT_B,
						() -> transactions.execute((status) -> notes.search("b-")));
				assertThat(found).hasSize(2);
			});
	}

	@Test
	void hibernateAloneScopesReadsEvenWhereRowLevelSecurityDoesNotApply() {
		asSuperuserWithoutRls((context) -> {
			TestNoteRepository notes = context.getBean(TestNoteRepository.class);
			List<TestNote> own = seed(notes);
			TenantScope.run(TENANT_A, () -> {
				assertThat(notes.findAll()).hasSize(3);
				assertThat(notes.search("a-")).hasSize(3);
				assertThat(notes.search("b-")).isEmpty();
				assertThat(notes.findById(own.get(4).getId())).isEmpty();
				EntityManager entityManager = context.getBean(EntityManager.class);
				TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
				TestNote found = transactions
					.execute((status) -> entityManager.find(TestNote.class, own.get(4).getId()));
				assertThat(found).isNull();
			});
			assertThat(notes.findAll()).as("no tenant: nothing, not everything").isEmpty();
			List<TestNote> all = TenantScope.callAsSystem("test: every tenant", () -> notes.findAll());
			assertThat(all).hasSize(5);
		});
	}

	@Test
	void bulkJpqlUpdateAndDeleteAreScoped() {
		asSuperuserWithoutRls((context) -> bulkUpdateAndDeleteTouchOnlyTheCurrentTenant(context));
		database.execute("truncate tenant_notes");
		asApplicationRole((context) -> bulkUpdateAndDeleteTouchOnlyTheCurrentTenant(context));
	}

	private void bulkUpdateAndDeleteTouchOnlyTheCurrentTenant(AssertableApplicationContext context) {
		TestNoteRepository notes = context.getBean(TestNoteRepository.class);
		seed(notes);
		assertThat(TenantScope.call(TENANT_A, () -> notes.updateAllBodies("changed"))).isEqualTo(3);
		assertThat(countRows("body = 'changed'")).isEqualTo(3);
		assertThat(countRows("tenant_id = '" + TENANT_B + "' and body like 'b-%'")).isEqualTo(2);
		assertThat(TenantScope.call(TENANT_A, notes::deleteEverythingVisible)).isEqualTo(3);
		assertThat(countRows("true")).isEqualTo(2);
		assertThat(notes.deleteEverythingVisible()).as("no tenant deletes nothing").isZero();
		assertThat(countRows("true")).isEqualTo(2);
	}

	@Test
	void newEntityGetsTheCurrentTenant() {
		asApplicationRole((context) -> {
			TestNoteRepository notes = context.getBean(TestNoteRepository.class);
			TestNote saved = TenantScope.call(TENANT_B, () -> notes.save(new TestNote("new")));
			assertThat(saved.getTenantId()).isEqualTo(TENANT_B);
			assertThat(countRows("tenant_id = '" + TENANT_B + "' and body = 'new'")).isEqualTo(1);
			assertThatException().isThrownBy(() -> notes.save(new TestNote("orphan")))
				.havingRootCause()
				.withMessageContaining("without a current tenant");
			assertThatException()
				.isThrownBy(() -> TenantScope.callAsSystem("test: create", () -> notes.save(new TestNote("system"))))
				.havingRootCause()
				.withMessageContaining("system scope");
			assertThat(countRows("true")).isEqualTo(1);
		});
	}

	@Test
	void writingIntoAnotherTenantIsImpossible() {
		asSuperuserWithoutRls((context) -> writesStayInTheCurrentTenant(context));
		database.execute("truncate tenant_notes");
		asApplicationRole((context) -> writesStayInTheCurrentTenant(context));
	}

	private void writesStayInTheCurrentTenant(AssertableApplicationContext context) throws Exception {
		TestNoteRepository notes = context.getBean(TestNoteRepository.class);
		List<TestNote> seeded = seed(notes);
		// An entity claiming another tenant is refused on insert.
		TestNote forged = new TestNote("forged");
		tenantIdField().set(forged, TENANT_B);
		assertThatException().isThrownBy(() -> TenantScope.run(TENANT_A, () -> notes.save(forged)));
		// Another tenant's entity, loaded there and saved here, never changes the other
		// tenant's row.
		TestNote foreign = seeded.get(3);
		foreign.setBody("overwritten");
		try {
			TenantScope.run(TENANT_A, () -> notes.save(foreign));
		}
		catch (RuntimeException expected) {
			// Hibernate refuses the merge (the row is invisible, its version stale): fine
			// either way.
		}
		assertThat(countRows("body = 'overwritten'")).isZero();
		assertThat(countRows("body = 'forged'")).isZero();
		assertThat(countRows("tenant_id = '" + TENANT_B + "'")).isEqualTo(2);
	}

	@Test
	void bindingsAndRefusedCrossTenantWritesAreCounted() {
		asApplicationRole((context) -> {
			MeterRegistry meters = new SimpleMeterRegistry();
			context.getBean("tenantIsolationMeterBinder", MeterBinder.class).bindTo(meters);
			context.getBean("tenantSettingLeakMeterBinder", MeterBinder.class).bindTo(meters);
			TestNoteRepository notes = context.getBean(TestNoteRepository.class);
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			double tenantBindings = count(meters, "foundation.tenancy.isolation.bindings", "scope", "tenant");
			double systemBindings = count(meters, "foundation.tenancy.isolation.bindings", "scope", "system");
			double otherTenant = count(meters, "foundation.tenancy.isolation.violations", "kind", "other-tenant");
			double noTenant = count(meters, "foundation.tenancy.isolation.violations", "kind", "no-tenant");
			double systemScope = count(meters, "foundation.tenancy.isolation.violations", "kind", "system-scope");
			double switched = count(meters, "foundation.tenancy.isolation.violations", "kind", "switch-in-transaction");

			TenantScope.run(TENANT_A, () -> notes.save(new TestNote("a")));
			assertThat(count(meters, "foundation.tenancy.isolation.bindings", "scope", "tenant"))
				.isGreaterThan(tenantBindings);
			assertThat(meters.get("foundation.tenancy.isolation.connection.checks").functionCounter().count())
				.isPositive();

			TestNote forged = new TestNote("forged");
			tenantIdField().set(forged, TENANT_B);
			assertThatException().isThrownBy(() -> TenantScope.run(TENANT_A, () -> notes.save(forged)))
				.havingRootCause()
				.withMessageContaining("another tenant");
			assertThat(count(meters, "foundation.tenancy.isolation.violations", "kind", "other-tenant"))
				.isEqualTo(otherTenant + 1);

			assertThatException().isThrownBy(() -> notes.save(new TestNote("orphan")));
			assertThat(count(meters, "foundation.tenancy.isolation.violations", "kind", "no-tenant"))
				.isEqualTo(noTenant + 1);

			assertThatException()
				.isThrownBy(() -> TenantScope.callAsSystem("test: create", () -> notes.save(new TestNote("system"))));
			assertThat(count(meters, "foundation.tenancy.isolation.violations", "kind", "system-scope"))
				.isEqualTo(systemScope + 1);
			assertThat(count(meters, "foundation.tenancy.isolation.bindings", "scope", "system"))
				.isGreaterThan(systemBindings);

			assertThatIllegalStateException().isThrownBy(() -> TenantScope.run(TENANT_A,
					() -> transactions.executeWithoutResult((status) -> TenantScope.run(TENANT_B, () -> {
					}))));
			assertThat(count(meters, "foundation.tenancy.isolation.violations", "kind", "switch-in-transaction"))
				.isEqualTo(switched + 1);
			assertThat(countRows("true")).isEqualTo(1);
		});
	}

	private static double count(MeterRegistry meters, String name, String tag, String value) {
		return meters.get(name).tag(tag, value).functionCounter().count();
	}

	@Test
	void selfCheckStopsStartupWhenConnectedAsSuperuser() {
		runner(superuser()).run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.isInstanceOf(InvalidFoundationPropertyException.class)
			.hasMessageContaining("foundation.tenancy.isolation.self-check")
			.hasMessageContaining("tenant_notes")
			.hasMessageContaining("superuser"));
		runner(superuser()).withPropertyValues("foundation.tenancy.isolation.self-check=warn")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void selfCheckStopsStartupForATenantTableWithoutRowLevelSecurity() {
		database.execute("alter table tenant_notes no force row level security");
		try {
			runner(database.appRole()).run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("table tenant_notes has row-level security enabled but not forced"));
		}
		finally {
			database.execute("alter table tenant_notes force row level security");
		}
	}

	private static List<TestNote> seed(TestNoteRepository notes) {
		List<TestNote> a = TenantScope.call(TENANT_A,
				() -> notes.saveAll(List.of(new TestNote("a-0"), new TestNote("a-1"), new TestNote("a-2"))));
		List<TestNote> b = TenantScope.call(TENANT_B,
				() -> notes.saveAll(List.of(new TestNote("b-0"), new TestNote("b-1"))));
		return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
	}

	private static int countRows(String where) {
		Integer count = new JdbcTemplate(database.admin())
			.queryForObject("select count(*) from tenant_notes where " + where, Integer.class);
		return (count != null) ? count : -1;
	}

	private static Field tenantIdField() throws NoSuchFieldException {
		Field field = TenantOwnedEntity.class.getDeclaredField("tenantId");
		field.setAccessible(true);
		return field;
	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = TestNote.class)
	@EnableJpaRepositories(basePackageClasses = TestNote.class)
	static class Entities {

	}

}
