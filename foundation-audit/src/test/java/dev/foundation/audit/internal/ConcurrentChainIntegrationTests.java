package dev.foundation.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.foundation.audit.ChainVerification;
import dev.foundation.audit.WriteMode;
import dev.foundation.tenancy.persistence.TenantScope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application instances (each its own connection pool and writer, as two processes
 * would have) append to one tenant's chain at once, one in batched mode and one in
 * transactional mode: the chain is serialized in PostgreSQL, not in either JVM. The
 * batched instance runs two pipelining writer threads, and each instance's remembered
 * chain head is often stale (the other instance moved it).
 */
class ConcurrentChainIntegrationTests {

	private static final int EVENTS = 10_000;

	@Test
	void twoInstancesWriting10000EventsToOneTenantKeepOneIntactChain() throws Exception {
		try (AuditTestDatabase database = AuditTestDatabase.create()) {
			AuditTestDatabase.Stack first = database.stack(4, 100_000, 1000, 2);
			AuditTestDatabase.Stack second = database.stack(12);
			UUID tenant = UUID.randomUUID();
			ExecutorService callers = Executors.newFixedThreadPool(24);
			List<Future<?>> done = new ArrayList<>();
			int perCaller = EVENTS / 24 + 1;
			int[] remaining = { EVENTS };
			for (int c = 0; c < 24; c++) {
				int caller = c;
				int count;
				synchronized (remaining) {
					count = Math.min(perCaller, remaining[0]);
					remaining[0] -= count;
				}
				done.add(callers.submit(() -> {
					for (int i = 0; i < count; i++) {
						if (caller % 2 == 0) {
							first.log().event("contact.update").tenant(tenant).resource("contact", i).record();
						}
						else {
							int n = i;
							TenantScope.run(tenant,
									() -> second.transactions()
										.executeWithoutResult((status) -> second.log()
											.event("contact.update")
											.resource("contact", n)
											.mode(WriteMode.TRANSACTIONAL)
											.record()));
						}
					}
				}));
			}
			for (Future<?> future : done) {
				future.get(120, TimeUnit.SECONDS);
			}
			callers.shutdown();
			ChainVerification result = first.verifier().verify(tenant);
			assertThat(result.intact()).as(String.valueOf(result.message())).isTrue();
			assertThat(result.eventsChecked()).isEqualTo(EVENTS);
			assertThat(result.lastSeq()).isEqualTo(EVENTS);
			assertThat(database.adminJdbc()
				.queryForObject("select count(distinct seq) from foundation.audit_events where tenant_id = ? "
						+ "and action = 'contact.update'", Long.class, tenant))
				.isEqualTo(EVENTS);
		}
	}

}
