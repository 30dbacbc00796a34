package dev.foundation.crypto.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import dev.foundation.crypto.CryptoEvent;
import dev.foundation.crypto.EmailNormalizer;
import dev.foundation.crypto.EncryptedTable;
import dev.foundation.crypto.EncryptedTable.EncryptedColumn;
import dev.foundation.crypto.EncryptionContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The re-encryption job as the actuator endpoint starts and watches it: a run in the
 * background over the configured tables, progress meters that count the values still on
 * an older key version and the quarantined ones, and events for the audit log.
 */
class ReEncryptionRunsIntegrationTests {

	private static final int ROWS_PER_TENANT = 20;

	private static final EncryptedTable PEOPLE = new EncryptedTable("people", "id", "tenant_id", List
		.of(EncryptedColumn.indexed("email", "email_index", new EmailNormalizer()), EncryptedColumn.text("phone")));

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final List<UUID> tenants = List.of(UUID.randomUUID(), UUID.randomUUID());

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private DataSource dataSource;

	private JdbcClient jdbc;

	private EnvelopeDataKeys keys;

	private EnvelopeFieldEncryptor encryptor;

	private ReEncryptionRuns runs;

	@BeforeEach
	void seed() {
		this.dataSource = CryptoTestDatabase.migrated("crypto_runs");
		this.jdbc = JdbcClient.create(this.dataSource);
		this.jdbc
			.sql("create table people (id bigserial primary key, tenant_id uuid not null, email text, "
					+ "email_index text, phone text)")
			.update();
		this.keys = new EnvelopeDataKeys(this.dataSource, "foundation",
				CryptoTestDatabase.keyring("m", Map.of("m", CryptoTestDatabase.randomKey())), 1000,
				Duration.ofMinutes(5), this.events::add);
		this.encryptor = new EnvelopeFieldEncryptor(this.keys);
		for (UUID tenant : this.tenants) {
			for (int i = 0; i < ROWS_PER_TENANT; i++) {
				this.jdbc.sql("insert into people (tenant_id, email, phone) values (?, ?, ?)")
					.params(tenant,
							this.encryptor.encryptToString("p" + i + "@example.com",
									EncryptionContext.of(tenant, "people", "email")),
							this.encryptor.encryptToString("+4915100000000",
									EncryptionContext.of(tenant, "people", "phone")))
					.update();
			}
		}
		ReEncryptionJob job = new ReEncryptionJob(this.dataSource, "foundation", this.keys, 16, 7, this.events::add);
		this.runs = new ReEncryptionRuns(job, List.of(PEOPLE), this.dataSource, "foundation", UnaryOperator.identity());
		new ReEncryptionMetrics(this.runs).bindTo(this.registry);
	}

	@AfterEach
	void stop() {
		this.runs.destroy();
	}

	@Test
	void rotationShowsTheValuesStillOnTheOldKeyUntilARunMovesThem() {
		this.tenants.forEach(this.keys::rotate);
		// One value that can no longer be decrypted: quarantined, left in its row.
		this.jdbc.sql("update people set phone = 'fe1.AQAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' where id = 1")
			.update();

		Map<String, Object> before = this.runs.status();
		// 2 tenants x 20 rows x 2 columns on version 1, the tampered one included.
		assertThat(before).containsEntry("valuesRemainingByKeyVersion", Map.of("1", 80L))
			.containsEntry("running", false);
		assertThat(remaining("1")).isEqualTo(80);

		assertThat(this.runs.start()).isTrue();
		awaitIdle();

		Map<String, Object> after = this.runs.status();
		assertThat(after.get("lastFailure")).isNull();
		// Only the value that failed to decrypt is left on version 1.
		assertThat(after).containsEntry("valuesRemainingByKeyVersion", Map.of("1", 1L))
			.containsEntry("valuesQuarantined", 1L);
		assertThat(remaining("1")).isEqualTo(1);
		assertThat(this.registry.get("foundation.crypto.reencryption.quarantined").gauge().value()).isEqualTo(1);
		@SuppressWarnings("unchecked")
		Map<String, Object> table = ((List<Map<String, Object>>) after.get("tables")).get(0);
		assertThat(table).containsEntry("table", "people")
			.containsEntry("state", "finished")
			.containsEntry("rowsReencrypted", 79L)
			.containsEntry("rowsQuarantined", 1L);
		assertThat(this.events).filteredOn(CryptoEvent.ReEncryptionFinished.class::isInstance)
			.singleElement()
			.satisfies((event) -> {
				CryptoEvent.ReEncryptionFinished finished = (CryptoEvent.ReEncryptionFinished) event;
				assertThat(finished.table()).isEqualTo("people");
				assertThat(finished.report().valuesReEncrypted()).isEqualTo(79);
				assertThat(finished.report().valuesQuarantined()).isEqualTo(1);
				assertThat(finished.report().finished()).isTrue();
			});
		assertThat(this.events).filteredOn(CryptoEvent.ReEncryptionStarted.class::isInstance).hasSize(1);
	}

	@Test
	void aSecondStartWhileRunningIsRefused() {
		this.tenants.forEach(this.keys::rotate);
		boolean first = this.runs.start();
		boolean second = this.runs.start();
		awaitIdle();
		assertThat(first).isTrue();
		// The first run may already be over on a fast machine; then the second one
		// started.
		assertThat(second || !this.runs.isRunning()).isTrue();
		assertThat(this.runs.status()).containsEntry("valuesRemainingByKeyVersion", Map.of());
	}

	@Test
	void keyOperationsPublishEvents() {
		UUID tenant = this.tenants.get(0);
		int version = this.keys.rotate(tenant);
		this.keys.rewrapAll();
		this.keys.shred(tenant);
		assertThat(this.events).contains(new CryptoEvent.DataKeyRotated(tenant, version),
				new CryptoEvent.DataKeysRewrapped("m", 0, 0), new CryptoEvent.TenantShredded(tenant));
	}

	private double remaining(String version) {
		return this.registry.get("foundation.crypto.reencryption.rows.remaining").tag("key", version).gauge().value();
	}

	private void awaitIdle() {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (this.runs.isRunning()) {
			assertThat(System.nanoTime()).as("the run ends within a minute").isLessThan(deadline);
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

}
