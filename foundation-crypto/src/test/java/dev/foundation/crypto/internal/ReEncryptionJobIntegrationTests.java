package dev.foundation.crypto.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import dev.foundation.crypto.EmailNormalizer;
import dev.foundation.crypto.EncryptedTable;
import dev.foundation.crypto.EncryptedTable.EncryptedColumn;
import dev.foundation.crypto.EncryptionContext;
import dev.foundation.crypto.ReEncryptionReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The re-encryption job on a real table: resumes after being stopped midway, loses and
 * corrupts nothing under concurrent writes, quarantines what it cannot decrypt and
 * overwrites nothing.
 */
class ReEncryptionJobIntegrationTests {

	private static final int ROWS_PER_TENANT = 60;

	private static final int MAX_INSERTS_PER_WRITER = 300;

	private static final EncryptedTable PEOPLE = new EncryptedTable("people", "id", "tenant_id", List
		.of(EncryptedColumn.indexed("email", "email_index", new EmailNormalizer()), EncryptedColumn.text("phone")));

	private DataSource dataSource;

	private JdbcClient jdbc;

	private byte[] masterKey;

	private EnvelopeDataKeys keys;

	private EnvelopeFieldEncryptor encryptor;

	private final List<UUID> tenants = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

	@BeforeEach
	void seed() {
		this.dataSource = CryptoTestDatabase.migrated("crypto_reencrypt");
		this.jdbc = JdbcClient.create(this.dataSource);
		this.jdbc
			.sql("create table people (id bigserial primary key, tenant_id uuid not null, email text, "
					+ "email_index text, phone text)")
			.update();
		// The job walks (tenant_id, id); tenant-owned tables have this index.
		this.jdbc.sql("create index people_tenant_id on people (tenant_id, id)").update();
		this.masterKey = CryptoTestDatabase.randomKey();
		this.keys = newKeys();
		this.encryptor = new EnvelopeFieldEncryptor(this.keys);
		for (UUID tenant : this.tenants) {
			for (int i = 0; i < ROWS_PER_TENANT; i++) {
				insert(tenant, "person" + i + "@example.com");
			}
			this.keys.rotate(tenant);
		}
	}

	@Test
	void jobStoppedMidwayResumesAndFinishes() {
		ReEncryptionReport first = new ReEncryptionJob(this.dataSource, "foundation", this.keys, 16, 25).run(PEOPLE, 3);
		assertThat(first.finished()).isFalse();
		assertThat(first.rowsScanned()).isEqualTo(75);
		assertThat(
				this.jdbc.sql("select last_id from foundation.crypto_reencryption_progress where table_name = 'people'")
					.query(String.class)
					.single())
			.isNotNull();

		// A new instance, as after a crash: no cache, same database.
		EnvelopeDataKeys restarted = newKeys();
		ReEncryptionReport second = new ReEncryptionJob(this.dataSource, "foundation", restarted, 16, 25).run(PEOPLE);
		assertThat(second.finished()).isTrue();
		assertThat(first.rowsScanned() + second.rowsScanned()).isEqualTo(3 * ROWS_PER_TENANT);
		assertThat(first.valuesReEncrypted() + second.valuesReEncrypted()).isEqualTo(2 * 3 * ROWS_PER_TENANT);
		assertEveryRowReadableOnVersion2(restarted);
	}

	@Test
	void rotationUnderConcurrentWritesLosesAndCorruptsNothing() throws Exception {
		Map<Long, String> written = new ConcurrentHashMap<>();
		AtomicBoolean running = new AtomicBoolean(true);
		java.util.concurrent.atomic.AtomicInteger inserted = new java.util.concurrent.atomic.AtomicInteger();
		ExecutorService writers = Executors.newFixedThreadPool(3);
		List<Future<Integer>> results = new ArrayList<>();
		List<Long> ids = this.jdbc.sql("select id from people").query(Long.class).list();
		for (int w = 0; w < 3; w++) {
			int writer = w;
			results.add(writers.submit(() -> {
				int writes = 0;
				while (running.get()) {
					long id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
					UUID tenant = this.jdbc.sql("select tenant_id from people where id = ?")
						.param(id)
						.query(UUID.class)
						.single();
					String value = "writer" + writer + "-" + writes + "@example.com";
					// One writer per row at a time would be the application's business;
					// here the last committed write must win.
					synchronized (written) {
						this.jdbc.sql("update people set email = ? where id = ?")
							.params(this.encryptor.encryptToString(value,
									EncryptionContext.of(tenant, "people", "email")), id)
							.update();
						written.put(id, value);
					}
					// New rows too, but a bounded number: writers inserting without end
					// into the tenant the job is walking would keep it from finishing.
					if (writes < MAX_INSERTS_PER_WRITER) {
						insert(this.tenants.get(writes % 3), "new" + writer + "-" + writes + "@example.com");
						inserted.incrementAndGet();
					}
					writes++;
				}
				return writes;
			}));
		}
		// Rotate every tenant again while the writers write, then re-encrypt while they
		// still do.
		Thread.sleep(200);
		for (UUID tenant : this.tenants) {
			assertThat(this.keys.rotate(tenant)).isEqualTo(3);
		}
		ReEncryptionReport report = new ReEncryptionJob(this.dataSource, "foundation", this.keys, 16, 20).run(PEOPLE);
		running.set(false);
		for (Future<Integer> result : results) {
			result.get();
		}
		writers.shutdown();
		assertThat(report.finished()).isTrue();
		assertThat(report.valuesQuarantined()).isZero();
		assertThat(this.jdbc.sql("select count(*) from people").query(Integer.class).single())
			.isEqualTo(3 * ROWS_PER_TENANT + inserted.get());
		for (Map<String, Object> row : this.jdbc.sql("select id, tenant_id, email from people").query().listOfRows()) {
			String email = this.encryptor.decryptString((String) row.get("email"),
					EncryptionContext.of((UUID) row.get("tenant_id"), "people", "email"));
			String expected = written.get(((Number) row.get("id")).longValue());
			if (expected != null) {
				assertThat(email).isEqualTo(expected);
			}
		}
		// Values written under the old key while the job ran move at the next run.
		assertThat(new ReEncryptionJob(this.dataSource, "foundation", this.keys, 16, 50).run(PEOPLE).finished())
			.isTrue();
		for (String stored : this.jdbc.sql("select email from people").query(String.class).list()) {
			assertThat(CiphertextFormat.keyVersion(CiphertextFormat.fromText(stored))).isEqualTo(3);
		}
	}

	@Test
	void valueThatFailsToDecryptIsQuarantinedAndLeftAsItIs() {
		long id = this.jdbc.sql("select min(id) from people").query(Long.class).single();
		String tampered = this.jdbc
			.sql("update people set email = overlay(email placing 'AAAA' from 30 for 4)"
					+ " where id = ? returning email")
			.param(id)
			.query(String.class)
			.single();
		ReEncryptionReport report = new ReEncryptionJob(this.dataSource, "foundation", this.keys, 16, 50).run(PEOPLE);
		assertThat(report.finished()).isTrue();
		assertThat(report.valuesQuarantined()).isEqualTo(1);
		assertThat(this.jdbc.sql("select email from people where id = ?").param(id).query(String.class).single())
			.isEqualTo(tampered);
		Map<String, Object> quarantined = this.jdbc.sql("select * from foundation.crypto_quarantine")
			.query()
			.singleRow();
		assertThat(quarantined).containsEntry("table_name", "people")
			.containsEntry("row_id", Long.toString(id))
			.containsEntry("column_name", "email")
			.containsEntry("reason", "DecryptionFailedException");
	}

	private void assertEveryRowReadableOnVersion2(EnvelopeDataKeys keys) {
		EnvelopeFieldEncryptor reader = new EnvelopeFieldEncryptor(keys);
		HmacBlindIndexer indexer = new HmacBlindIndexer(keys, 16);
		for (Map<String, Object> row : this.jdbc.sql("select * from people").query().listOfRows()) {
			UUID tenant = (UUID) row.get("tenant_id");
			String stored = (String) row.get("email");
			assertThat(CiphertextFormat.keyVersion(CiphertextFormat.fromText(stored))).isEqualTo(2);
			String email = reader.decryptString(stored, EncryptionContext.of(tenant, "people", "email"));
			assertThat(row.get("email_index"))
				.isEqualTo(indexer.index(email, EncryptionContext.of(tenant, "people", "email")));
			assertThat(reader.decryptString((String) row.get("phone"), EncryptionContext.of(tenant, "people", "phone")))
				.isEqualTo("+4915100000000");
		}
	}

	private void insert(UUID tenant, String email) {
		this.jdbc.sql("insert into people (tenant_id, email, phone) values (?, ?, ?)")
			.params(tenant, this.encryptor.encryptToString(email, EncryptionContext.of(tenant, "people", "email")),
					this.encryptor.encryptToString("+4915100000000", EncryptionContext.of(tenant, "people", "phone")))
			.update();
	}

	private EnvelopeDataKeys newKeys() {
		return CryptoTestDatabase.dataKeys(this.dataSource,
				CryptoTestDatabase.keyring("m", Map.of("m", this.masterKey.clone())));
	}

}
