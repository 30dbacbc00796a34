package dev.foundation.audit.internal;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The running application keeps partitions created ahead: the scheduled run creates the
 * months that came into range, and running it again (or from several instances) changes
 * nothing.
 */
class PartitionMaintenanceIntegrationTests {

	@Test
	void scheduledRunCreatesTheComingMonthsPartitionsAndIsIdempotent() throws Exception {
		try (AuditTestDatabase database = AuditTestDatabase.create()) {
			// The migration prepared 12 months ahead; the application now keeps 15.
			String lastMonth = partition(YearMonth.now(ZoneOffset.UTC).plusMonths(15));
			assertThat(exists(database, lastMonth)).isFalse();
			PartitionMaintenance maintenance = new PartitionMaintenance(database.admin(), "foundation", 15,
					Duration.ofMillis(200));
			maintenance.start();
			try {
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
				while (!exists(database, lastMonth) && System.nanoTime() < deadline) {
					Thread.sleep(50);
				}
				assertThat(exists(database, lastMonth)).isTrue();
			}
			finally {
				maintenance.stop();
			}
			long partitions = partitions(database);
			maintenance.ensurePartitions();
			new PartitionMaintenance(database.admin(), "foundation", 15, Duration.ofDays(1)).ensurePartitions();
			assertThat(partitions(database)).isEqualTo(partitions);
			assertThat(maintenance.isRunning()).isFalse();
		}
	}

	@Test
	void withoutTheOwnersDataSourceNothingIsScheduled() {
		PartitionMaintenance maintenance = new PartitionMaintenance(null, "foundation", 5, Duration.ofDays(1));
		maintenance.start();
		assertThat(maintenance.isRunning()).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PartitionMaintenance(null, "foundation", 5, Duration.ZERO));
	}

	private static String partition(YearMonth month) {
		return String.format("audit_events_y%04dm%02d", month.getYear(), month.getMonthValue());
	}

	private static boolean exists(AuditTestDatabase database, String partition) {
		return Boolean.TRUE.equals(database.adminJdbc()
			.queryForObject("select to_regclass(?) is not null", Boolean.class, "foundation." + partition));
	}

	private static long partitions(AuditTestDatabase database) {
		Long count = database.adminJdbc()
			.queryForObject("select count(*) from pg_inherits where inhparent = 'foundation.audit_events'::regclass",
					Long.class);
		return (count != null) ? count : 0;
	}

}
