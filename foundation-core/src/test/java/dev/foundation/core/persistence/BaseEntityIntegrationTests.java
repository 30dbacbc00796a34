package dev.foundation.core.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.foundation.core.persistence.autoconfigure.FoundationSchemaAutoConfiguration;
import dev.foundation.test.TestPostgres;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link BaseEntity} and {@link SoftDeletableEntity} mapped by Hibernate against a real
 * PostgreSQL, with the tables created by a Flyway migration from the documented columns
 * and checked by Hibernate's schema validation.
 */
@SpringBootTest(classes = BaseEntityIntegrationTests.EntitiesApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.flyway.locations=classpath:db/test-entities", "spring.jpa.hibernate.ddl-auto=validate",
				"spring.main.banner-mode=off" })
class BaseEntityIntegrationTests {

	@Autowired
	private TestWidgetRepository widgets;

	@Autowired
	private TestNoteRepository notes;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private EntityManagerFactory entityManagerFactory;

	@Autowired
	private TransactionTemplate transactions;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestPostgres postgres = TestPostgres.shared();
		String database = postgres.createDatabase("base_entity");
		registry.add("spring.datasource.url", () -> postgres.jdbcUrl(database));
		registry.add("spring.datasource.username", postgres::username);
		registry.add("spring.datasource.password", postgres::password);
	}

	@Test
	void idsAreTimeOrderedUuidVersion7() {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			ids.add(this.widgets.save(new TestWidget("widget-" + i)).getId());
		}
		assertThat(ids).doesNotHaveDuplicates().allSatisfy((id) -> {
			assertThat(id.version()).isEqualTo(7);
			assertThat(id.variant()).isEqualTo(2);
		});
		// Canonical strings compare like the unsigned 128-bit values: later inserts sort
		// after earlier ones.
		assertThat(ids.stream().map(UUID::toString).toList()).isSorted();
		Instant embedded = Instant.ofEpochMilli(ids.get(0).getMostSignificantBits() >>> 16);
		assertThat(embedded).isBetween(Instant.now().minusSeconds(600), Instant.now());
	}

	@Test
	void creationAndUpdateTimesAreSetAndVersionIncrementsOnUpdate() {
		Instant before = Instant.now().minusSeconds(1);
		TestWidget created = this.widgets.save(new TestWidget("first"));
		assertThat(created.getId()).isNotNull();
		assertThat(created.getCreatedAt()).isNotNull().isAfter(before);
		assertThat(created.getUpdatedAt()).isNotNull().isAfterOrEqualTo(created.getCreatedAt());
		assertThat(created.getVersion()).isZero();

		TestWidget loaded = this.widgets.findById(created.getId()).orElseThrow();
		loaded.setName("second");
		assertThat(this.widgets.saveAndFlush(loaded).getVersion()).isEqualTo(1);

		TestWidget reloaded = this.widgets.findById(created.getId()).orElseThrow();
		assertThat(reloaded.getName()).isEqualTo("second");
		assertThat(reloaded.getVersion()).isEqualTo(1);
		assertThat(reloaded.getCreatedAt()).isEqualTo(created.getCreatedAt().truncatedTo(ChronoUnit.MICROS));
		assertThat(reloaded.getUpdatedAt()).isAfter(reloaded.getCreatedAt());
		assertThat(
				this.jdbc.queryForObject("select version from test_widget where id = ?", Long.class, created.getId()))
			.isEqualTo(1L);
	}

	@Test
	void staleUpdateFailsWithOptimisticLockingFailure() {
		TestWidget saved = this.widgets.save(new TestWidget("original"));
		TestWidget first = this.widgets.findById(saved.getId()).orElseThrow();
		TestWidget second = this.widgets.findById(saved.getId()).orElseThrow();
		first.setName("first writer");
		this.widgets.saveAndFlush(first);
		second.setName("second writer");
		assertThatExceptionOfType(ObjectOptimisticLockingFailureException.class)
			.isThrownBy(() -> this.widgets.saveAndFlush(second));
		assertThat(this.widgets.findById(saved.getId()).orElseThrow().getName()).isEqualTo("first writer");
	}

	@Test
	void equalityIsByIdAndUnsavedEntitiesAreOnlyEqualToThemselves() {
		TestWidget unsaved = new TestWidget("a");
		assertThat(unsaved).isEqualTo(unsaved).isNotEqualTo(new TestWidget("a"));
		TestWidget saved = this.widgets.save(unsaved);
		TestWidget loaded = this.widgets.findById(saved.getId()).orElseThrow();
		assertThat(loaded).isNotSameAs(saved).isEqualTo(saved).hasSameHashCodeAs(saved);
		assertThat(loaded).hasToString("TestWidget[id=" + saved.getId() + "]");
	}

	@Test
	void softDeleteKeepsRowButHidesItFromQueries() {
		TestNote kept = this.notes.save(new TestNote("soft kept"));
		TestNote deleted = this.notes.save(new TestNote("soft deleted"));
		this.notes.delete(this.notes.findById(deleted.getId()).orElseThrow());

		assertThat(
				this.jdbc.queryForObject("select count(*) from test_note where id = ?", Integer.class, deleted.getId()))
			.isOne();
		assertThat(this.jdbc.queryForObject("select deleted_at from test_note where id = ?", Timestamp.class,
				deleted.getId()))
			.isNotNull();
		assertThat(this.jdbc.queryForObject("select deleted_at from test_note where id = ?", Timestamp.class,
				kept.getId()))
			.isNull();

		assertThat(this.notes.findById(deleted.getId())).isEmpty();
		assertThat(this.notes.existsById(deleted.getId())).isFalse();
		assertThat(this.notes.findByText("soft deleted")).isEmpty();
		assertThat(this.notes.findStartingWith("soft ")).extracting(TestNote::getText).containsExactly("soft kept");
		assertThat(this.notes.findAll()).extracting(TestNote::getId)
			.contains(kept.getId())
			.doesNotContain(deleted.getId());
		assertThat(this.notes.findAllById(List.of(kept.getId(), deleted.getId()))).extracting(TestNote::getId)
			.containsExactly(kept.getId());
		this.transactions.executeWithoutResult((transaction) -> {
			EntityManager entityManager = EntityManagerFactoryUtils
				.getTransactionalEntityManager(this.entityManagerFactory);
			assertThat(entityManager.find(TestNote.class, deleted.getId())).isNull();
			assertThat(entityManager.createQuery("select count(n) from TestNote n where n.id = :id", Long.class)
				.setParameter("id", deleted.getId())
				.getSingleResult()).isZero();
		});
	}

	@Test
	void foundationSchemaIsMigratedBeforeJpaStarts() {
		assertThat(this.jdbc.queryForObject(
				"select count(*) from foundation.foundation_schema_history where version = '1.0.1' and success",
				Integer.class))
			.isOne();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
			FlywayAutoConfiguration.class, FoundationSchemaAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
			TransactionAutoConfiguration.class, DataJpaRepositoriesAutoConfiguration.class })
	@EntityScan(basePackageClasses = TestWidget.class)
	@EnableJpaRepositories(basePackageClasses = TestWidget.class, considerNestedRepositories = true)
	static class EntitiesApplication {

	}

}
