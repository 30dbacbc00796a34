package dev.foundation.audit.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.foundation.audit.ChainVerification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledged means durable: a separate JVM records in batched mode under load and is
 * killed with SIGKILL; every event whose {@code record} had returned is in the database,
 * and the chain still verifies (the batch in flight rolled back whole).
 */
class CrashIntegrationTests {

	@Test
	void everyAcknowledgedEventSurvivesSigkillOfTheWritingProcess(@TempDir Path directory) throws Exception {
		try (AuditTestDatabase database = AuditTestDatabase.create()) {
			UUID tenant = UUID.randomUUID();
			Path acknowledgements = directory.resolve("acknowledged.txt");
			Files.createFile(acknowledgements);
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
					CrashingAuditProcess.class.getName(), database.jdbcUrl(), database.adminUser(),
					database.adminPassword(), tenant.toString(), acknowledgements.toString())
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("process.log").toFile())
				.start();
			try {
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
				while (Files.size(acknowledgements) < 3000L * 37 && System.nanoTime() < deadline) {
					assertThat(process.isAlive()).as(Files.readString(directory.resolve("process.log"))).isTrue();
					Thread.sleep(50);
				}
			}
			finally {
				// destroyForcibly is SIGKILL on Linux: no shutdown hook, no flush.
				process.destroyForcibly();
				assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			}
			assertThat(process.exitValue()).isEqualTo(137);
			Set<UUID> acknowledged = new HashSet<>();
			for (String line : Files.readAllLines(acknowledgements)) {
				if (line.length() == 36) {
					acknowledged.add(UUID.fromString(line));
				}
			}
			assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(3000);
			List<UUID> stored = database.adminJdbc()
				.queryForList("select id from foundation.audit_events where tenant_id = ?", UUID.class, tenant);
			assertThat(new HashSet<>(stored)).containsAll(acknowledged);
			try (var connection = database.admin().getConnection()) {
				connection.setAutoCommit(false);
				ChainVerification result = new ChainWalker("foundation").walk(connection, tenant);
				assertThat(result.intact()).as(String.valueOf(result.message())).isTrue();
				assertThat(result.eventsChecked()).isEqualTo(stored.size());
			}
			new File(acknowledgements.toString()).delete();
		}
	}

}
