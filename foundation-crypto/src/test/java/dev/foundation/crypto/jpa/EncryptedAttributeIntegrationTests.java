package dev.foundation.crypto.jpa;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.crypto.DataKeys;
import dev.foundation.crypto.EmailNormalizer;
import dev.foundation.crypto.EncryptedTable;
import dev.foundation.crypto.EncryptedTable.EncryptedColumn;
import dev.foundation.crypto.ExactNormalizer;
import dev.foundation.crypto.PhoneNormalizer;
import dev.foundation.crypto.internal.ReEncryptionRuns;
import dev.foundation.crypto.DecryptionFailedException;
import dev.foundation.crypto.KeyDestroyedException;
import dev.foundation.crypto.autoconfigure.CryptoAutoConfiguration;
import dev.foundation.tenancy.autoconfigure.TenantIsolationAutoConfiguration;
import dev.foundation.tenancy.persistence.TenantScope;
import dev.foundation.test.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link Encrypted} and {@link BlindIndex} attributes through Spring Data JPA, Hibernate
 * 7 and tenancy's {@code TenantOwnedEntity} on a real PostgreSQL, wired by the
 * auto-configuration. One application context serves every test (tenants are random).
 */
class EncryptedAttributeIntegrationTests {

	private static String database;

	private static HikariDataSource admin;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		TestPostgres postgres = TestPostgres.shared();
		database = postgres.createDatabase("crypto_jpa");
		admin = new HikariDataSource();
		admin.setJdbcUrl(postgres.jdbcUrl(database));
		admin.setUsername(postgres.username());
		admin.setPassword(postgres.password());
		admin.setMaximumPoolSize(2);
		JdbcClient.create(admin)
			.sql("create table secret_notes (id uuid primary key, created_at timestamptz not null, "
					+ "updated_at timestamptz not null, version bigint not null, tenant_id uuid not null, "
					+ "title text not null, email text, email_index text, phone text, phone_index text, document bytea)")
			.update();
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		context = new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + postgres.jdbcUrl(database),
					"spring.datasource.username=" + postgres.username(),
					"spring.datasource.password=" + postgres.password(), "spring.datasource.hikari.maximum-pool-size=4",
					"spring.jpa.hibernate.ddl-auto=validate", "spring.jpa.open-in-view=false",
					"foundation.tenancy.isolation.self-check=off", "foundation.crypto.master-keys[0].id=test",
					"foundation.crypto.master-keys[0].key=" + Base64.getEncoder().encodeToString(key))
			.run();
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
		admin.close();
	}

	@Test
	void encryptsOnWriteAndDecryptsOnRead() {
		UUID tenant = UUID.randomUUID();
		byte[] document = "%PDF-1.7 résumé".getBytes(StandardCharsets.UTF_8);
		UUID id = inTenant(tenant,
				(notes) -> notes.save(new SecretNote("Ada", "ada@example.com", "+4915112345678", document)).getId());
		Map<String, Object> row = row(id);
		assertThat((String) row.get("email")).startsWith("fe1.").doesNotContain("ada");
		assertThat((String) row.get("phone")).startsWith("fe1.").doesNotContain("4915112345678");
		assertThat((byte[]) row.get("document")).hasSize(document.length + 33).startsWith(1, 0, 0, 0, 1);
		SecretNote read = inTenant(tenant, (notes) -> notes.findById(id).orElseThrow());
		assertThat(read.getEmail()).isEqualTo("ada@example.com");
		assertThat(read.getPhone()).isEqualTo("+4915112345678");
		assertThat(read.getDocument()).isEqualTo(document);
	}

	@Test
	void nullValuesStayNull() {
		UUID tenant = UUID.randomUUID();
		UUID id = inTenant(tenant, (notes) -> notes.save(new SecretNote("Nobody", null, null, null)).getId());
		assertThat(row(id).get("email")).isNull();
		assertThat(row(id).get("email_index")).isNull();
		assertThat(EncryptedAttributeIntegrationTests.<String>inTenant(tenant,
				(notes) -> notes.findById(id).orElseThrow().getEmail()))
			.isNull();
	}

	@Test
	void unchangedValuesAreNotReEncryptedOnFlush() {
		UUID tenant = UUID.randomUUID();
		UUID id = inTenant(tenant,
				(notes) -> notes.save(new SecretNote("Ada", "ada@example.com", null, new byte[] { 1 })).getId());
		Map<String, Object> before = row(id);
		inTenant(tenant, (notes) -> {
			SecretNote note = notes.findById(id).orElseThrow();
			notes.flush();
			notes.saveAndFlush(note);
			return note;
		});
		Map<String, Object> after = row(id);
		assertThat(after.get("email")).isEqualTo(before.get("email"));
		assertThat(after.get("document")).isEqualTo(before.get("document"));
		assertThat(after.get("version")).isEqualTo(before.get("version"));
	}

	@Test
	void changedValueIsEncryptedAgainAndReindexed() {
		UUID tenant = UUID.randomUUID();
		UUID id = inTenant(tenant, (notes) -> notes.save(new SecretNote("Ada", "ada@example.com", null, null)).getId());
		Map<String, Object> before = row(id);
		inTenant(tenant, (notes) -> {
			notes.findById(id).orElseThrow().setEmail("ada@lovelace.org");
			return null;
		});
		Map<String, Object> after = row(id);
		assertThat(after.get("email")).isNotEqualTo(before.get("email"));
		assertThat(after.get("email_index")).isNotEqualTo(before.get("email_index"));
		assertThat(EncryptedAttributeIntegrationTests.<String>inTenant(tenant,
				(notes) -> notes.findById(id).orElseThrow().getEmail()))
			.isEqualTo("ada@lovelace.org");
	}

	@Test
	void valueMovedBySqlIntoAnotherTenantsRowFailsToDecrypt() {
		UUID victim = UUID.randomUUID();
		UUID attacker = UUID.randomUUID();
		UUID victimRow = inTenant(victim,
				(notes) -> notes.save(new SecretNote("Victim", "victim@example.com", null, null)).getId());
		UUID attackerRow = inTenant(attacker,
				(notes) -> notes.save(new SecretNote("Attacker", "me@example.com", null, null)).getId());
		String before = (String) row(attackerRow).get("email");
		JdbcClient.create(admin)
			.sql("update secret_notes set email = (select email from secret_notes where id = ?) where id = ?")
			.params(victimRow, attackerRow)
			.update();
		assertThatExceptionOfType(DecryptionFailedException.class)
			.isThrownBy(() -> inTenant(attacker, (notes) -> notes.findById(attackerRow).orElseThrow().getEmail()));
		assertThat(row(attackerRow).get("email")).isNotEqualTo(before);
		// The victim's own row is intact.
		assertThat(EncryptedAttributeIntegrationTests.<String>inTenant(victim,
				(notes) -> notes.findById(victimRow).orElseThrow().getEmail()))
			.isEqualTo("victim@example.com");
	}

	@Test
	void valueMovedBySqlIntoAnotherColumnFailsToDecrypt() {
		UUID tenant = UUID.randomUUID();
		UUID id = inTenant(tenant,
				(notes) -> notes.save(new SecretNote("Ada", "ada@example.com", "+4915112345678", null)).getId());
		JdbcClient.create(admin).sql("update secret_notes set phone = email where id = ?").param(id).update();
		assertThatExceptionOfType(DecryptionFailedException.class)
			.isThrownBy(() -> inTenant(tenant, (notes) -> notes.findById(id).orElseThrow().getPhone()));
	}

	@Test
	void blindIndexFindsExactMatchesAfterNormalizationAndNoOthers() {
		UUID tenant = UUID.randomUUID();
		BlindIndexLookup lookup = context.getBean(BlindIndexLookup.class);
		inTenant(tenant,
				(notes) -> notes.saveAll(List.of(new SecretNote("Ada", "Ada@Example.com", "+49 151 1234-5678", null),
						new SecretNote("Grace", "grace@example.com", null, null),
						new SecretNote("Adam", "ada@example.comm", null, null))));
		List<String> titles = inTenant(tenant,
				(notes) -> notes.findByEmailIndexIn(lookup.values(SecretNote.class, "emailIndex", "  ADA@example.COM "))
					.stream()
					.map(SecretNote::getTitle)
					.toList());
		assertThat(titles).containsExactly("Ada");
		assertThat(EncryptedAttributeIntegrationTests.<List<SecretNote>>inTenant(tenant,
				(notes) -> notes.findByPhoneIndexIn(lookup.values(SecretNote.class, "phone", "0049 (151) 12345678"))))
			.extracting(SecretNote::getTitle)
			.containsExactly("Ada");
		assertThat(EncryptedAttributeIntegrationTests.<List<SecretNote>>inTenant(tenant,
				(notes) -> notes.findByEmailIndexIn(lookup.values(SecretNote.class, "email", "nobody@example.com"))))
			.isEmpty();
	}

	@Test
	void equalValuesInTwoTenantsGetUnrelatedIndexValues() {
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		UUID a = inTenant(first, (notes) -> notes.save(new SecretNote("A", "same@example.com", null, null)).getId());
		UUID b = inTenant(second, (notes) -> notes.save(new SecretNote("B", "same@example.com", null, null)).getId());
		assertThat(row(a).get("email_index")).isNotEqualTo(row(b).get("email_index"));
		BlindIndexLookup lookup = context.getBean(BlindIndexLookup.class);
		assertThat(EncryptedAttributeIntegrationTests.<List<SecretNote>>inTenant(second,
				(notes) -> notes.findByEmailIndexIn(lookup.values(SecretNote.class, "email", "same@example.com"))))
			.extracting(SecretNote::getTitle)
			.containsExactly("B");
	}

	@Test
	void blindIndexFindsRowsOfEveryLiveKeyVersionAcrossARotation() {
		UUID tenant = UUID.randomUUID();
		BlindIndexLookup lookup = context.getBean(BlindIndexLookup.class);
		UUID old = inTenant(tenant,
				(notes) -> notes.save(new SecretNote("Old", "ada@example.com", null, null)).getId());
		assertThat(context.getBean(DataKeys.class).rotate(tenant)).isEqualTo(2);
		UUID fresh = inTenant(tenant,
				(notes) -> notes.save(new SecretNote("New", "ada@example.com", null, null)).getId());
		assertThat((String) row(old).get("email_index")).startsWith("1.");
		assertThat((String) row(fresh).get("email_index")).startsWith("2.");
		assertThat(EncryptedAttributeIntegrationTests.<List<SecretNote>>inTenant(tenant,
				(notes) -> notes.findByEmailIndexIn(lookup.values(SecretNote.class, "email", "ADA@example.com"))))
			.extracting(SecretNote::getTitle)
			.containsExactlyInAnyOrder("Old", "New");
		assertThat(EncryptedAttributeIntegrationTests.<String>inTenant(tenant,
				(notes) -> notes.findById(old).orElseThrow().getEmail()))
			.isEqualTo("ada@example.com");
	}

	@Test
	void shreddedTenantsRowsAreUnreadableWhileAnotherTenantsAreUntouched() {
		UUID shredded = UUID.randomUUID();
		UUID kept = UUID.randomUUID();
		UUID gone = inTenant(shredded,
				(notes) -> notes.save(new SecretNote("Gone", "gone@example.com", null, null)).getId());
		UUID stays = inTenant(kept,
				(notes) -> notes.save(new SecretNote("Kept", "kept@example.com", null, null)).getId());
		context.getBean(DataKeys.class).shred(shredded);
		assertThatExceptionOfType(KeyDestroyedException.class)
			.isThrownBy(() -> inTenant(shredded, (notes) -> notes.findById(gone).orElseThrow().getEmail()));
		// Writing fails at the flush, which Spring reports wrapped in its commit failure.
		assertThatException()
			.isThrownBy(
					() -> inTenant(shredded, (notes) -> notes.save(new SecretNote("New", "x@example.com", null, null))))
			.withRootCauseInstanceOf(KeyDestroyedException.class);
		assertThat(EncryptedAttributeIntegrationTests.<String>inTenant(kept,
				(notes) -> notes.findById(stays).orElseThrow().getEmail()))
			.isEqualTo("kept@example.com");
	}

	@Test
	void creatingATenantsFirstKeyLeavesTheCallersTransactionAlone() {
		UUID tenant = UUID.randomUUID();
		SecretNoteRepository notes = context.getBean(SecretNoteRepository.class);
		TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
		TenantScope.run(tenant, () -> transactions.executeWithoutResult((status) -> {
			notes.saveAndFlush(new SecretNote("Rolled back", "ada@example.com", null, null));
			status.setRollbackOnly();
		}));
		JdbcClient jdbc = JdbcClient.create(admin);
		assertThat(jdbc.sql("select count(*) from secret_notes where tenant_id = ?")
			.param(tenant)
			.query(Integer.class)
			.single()).isZero();
		// The key was committed on its own: values encrypted under it elsewhere stay
		// readable.
		assertThat(jdbc.sql("select count(*) from foundation.crypto_data_keys where scope_id = ?")
			.param(tenant)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void encryptedAttributesOfTenantOwnedEntitiesAreRefusedInTheSystemScope() {
		UUID tenant = UUID.randomUUID();
		inTenant(tenant, (notes) -> notes.save(new SecretNote("Ada", "ada@example.com", null, null)));
		SecretNoteRepository notes = context.getBean(SecretNoteRepository.class);
		TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
		assertThatException()
			.isThrownBy(() -> TenantScope.runAsSystem("test",
					() -> transactions.executeWithoutResult((status) -> notes.findAll())))
			.withRootCauseInstanceOf(IllegalStateException.class)
			.withMessageContaining("TenantScope.run");
	}

	@Test
	void encryptedTablesAreFoundInTheMappings() {
		List<EncryptedTable> tables = context.getBean(MappedEncryptedTables.class).tables();
		assertThat(tables).singleElement().satisfies((table) -> {
			assertThat(table.table()).isEqualTo("secret_notes");
			assertThat(table.idColumn()).isEqualTo("id");
			assertThat(table.tenantColumn()).isEqualTo("tenant_id");
			assertThat(table.columns())
				.extracting(EncryptedColumn::column, EncryptedColumn::binary, EncryptedColumn::indexColumn,
						(column) -> column.normalizer().getClass())
				.containsExactlyInAnyOrder(tuple("email", false, "email_index", EmailNormalizer.class),
						tuple("phone", false, "phone_index", PhoneNormalizer.class),
						tuple("document", true, null, ExactNormalizer.class));
		});
	}

	@Test
	void reEncryptionJobWalksTheMappedTablesWithoutDeclaringThem() throws InterruptedException {
		UUID tenant = UUID.randomUUID();
		UUID id = inTenant(tenant,
				(notes) -> notes.save(new SecretNote("Ada", "ada@example.com", "+4915112345678", new byte[] { 7 }))
					.getId());
		assertThat(keyVersion((String) row(id).get("email"))).isEqualTo(1);
		context.getBean(DataKeys.class).rotate(tenant);
		ReEncryptionRuns runs = context.getBean(ReEncryptionRuns.class);
		assertThat(runs.start()).isTrue();
		for (int i = 0; i < 300 && runs.isRunning(); i++) {
			Thread.sleep(100);
		}
		assertThat(runs.isRunning()).isFalse();
		Map<String, Object> row = row(id);
		assertThat(keyVersion((String) row.get("email"))).isEqualTo(2);
		assertThat(keyVersion((String) row.get("phone"))).isEqualTo(2);
		assertThat(((byte[]) row.get("document"))[4]).isEqualTo((byte) 2);
		assertThat((String) row.get("email_index")).startsWith("2.");
		SecretNote read = inTenant(tenant, (notes) -> notes.findById(id).orElseThrow());
		assertThat(read.getEmail()).isEqualTo("ada@example.com");
		assertThat(read.getDocument()).containsExactly(7);
		assertThat(runs.status()).extractingByKey("tables")
			.asInstanceOf(InstanceOfAssertFactories.LIST)
			.singleElement()
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("table", "secret_notes")
			.containsEntry("state", "finished");
	}

	private static int keyVersion(String text) {
		byte[] bytes = Base64.getUrlDecoder().decode(text.substring("fe1.".length()));
		return ((bytes[1] & 0xFF) << 24) | ((bytes[2] & 0xFF) << 16) | ((bytes[3] & 0xFF) << 8) | (bytes[4] & 0xFF);
	}

	private static Map<String, Object> row(UUID id) {
		return JdbcClient.create(admin).sql("select * from secret_notes where id = ?").param(id).query().singleRow();
	}

	private static <T> T inTenant(UUID tenant, java.util.function.Function<SecretNoteRepository, T> work) {
		SecretNoteRepository notes = context.getBean(SecretNoteRepository.class);
		TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
		return TenantScope.call(tenant, () -> transactions.execute((status) -> work.apply(notes)));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
			DataJpaRepositoriesAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
			JdbcTemplateAutoConfiguration.class, TransactionAutoConfiguration.class,
			TenantIsolationAutoConfiguration.class, CryptoAutoConfiguration.class })
	@EntityScan(basePackageClasses = SecretNote.class)
	@EnableJpaRepositories(basePackageClasses = SecretNote.class)
	static class TestApplication {

		@Bean
		FoundationSchemaMigration foundationSchemaMigration() {
			FoundationSchemaMigration migration = new FoundationSchemaMigration(admin, "foundation",
					"foundation_schema_history", "classpath:db/foundation");
			migration.afterPropertiesSet();
			return migration;
		}

	}

}
