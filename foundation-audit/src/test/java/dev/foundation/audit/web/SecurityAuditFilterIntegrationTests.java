package dev.foundation.audit.web;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import dev.foundation.audit.RedactingDetailProtector;
import dev.foundation.audit.internal.AuditTestDatabase;
import dev.foundation.audit.internal.AuditWriterMetrics;
import dev.foundation.audit.internal.BatchingAuditWriter;
import dev.foundation.audit.internal.ChainAppender;
import dev.foundation.audit.internal.ChainSink;
import dev.foundation.audit.internal.ChainTransactions;
import dev.foundation.audit.internal.DefaultAuditLog;
import dev.foundation.audit.internal.FloodGate;
import dev.foundation.audit.internal.TenancyAuditTenantScope;
import dev.foundation.audit.internal.TransactionalAuditWriter;
import dev.foundation.tenancy.rls.TenantBindingDataSourceTransactionManager;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * By default the request of an error response ends only once its security event is
 * committed, and an event that cannot be written is counted without failing the response.
 * Without waiting ({@code wait-for-commit=false}) the 401 returns while the writer is
 * blocked (a slow or unreachable database), and the event is written once the database
 * answers; when the queue is full the event is dropped, counted and the response is
 * unaffected.
 */
class SecurityAuditFilterIntegrationTests {

	private static AuditTestDatabase database;

	private final CountDownLatch release = new CountDownLatch(1);

	private final CountDownLatch writing = new CountDownLatch(1);

	private final AtomicInteger dropped = new AtomicInteger();

	private volatile boolean failing;

	private BatchingAuditWriter writer;

	private SecurityAuditFilter filter;

	@BeforeAll
	static void createDatabase() {
		database = AuditTestDatabase.create();
	}

	@AfterAll
	static void dropDatabase() {
		database.close();
	}

	@AfterEach
	void stop() {
		this.release.countDown();
		this.filter.destroy();
		this.writer.stop();
	}

	@Test
	void unauthorizedRequestEndsOnlyOnceItsEventIsCommitted() throws Exception {
		start(100, true);
		String path = "/probe/" + UUID.randomUUID();

		CompletableFuture<MockHttpServletResponse> response = CompletableFuture.supplyAsync(() -> unauthorized(path));

		assertThat(this.writing.await(30, TimeUnit.SECONDS)).as("the writer holds the event").isTrue();
		Thread.sleep(300);
		assertThat(response).as("waiting for the commit").isNotDone();
		assertThat(eventsFor(path)).isZero();
		this.release.countDown();
		assertThat(response.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(401);
		assertThat(eventsFor(path)).as("committed when the request ended").isOne();
		assertThat(this.dropped).hasValue(0);
	}

	@Test
	void eventThatCannotBeWrittenIsCountedAndTheResponseIsUnaffected() {
		start(100, true);
		this.failing = true;
		this.release.countDown();
		String path = "/probe/" + UUID.randomUUID();

		MockHttpServletResponse response = unauthorized(path);

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(eventsFor(path)).isZero();
		assertThat(this.dropped).hasValue(1);
	}

	@Test
	void unauthorizedResponseReturnsWhileItsEventWaitsForTheDatabaseAndTheEventIsThenWritten() throws Exception {
		start(100, false);
		String path = "/probe/" + UUID.randomUUID();

		// A filter that waited for the commit would hang here until the ack timeout (30
		// s).
		MockHttpServletResponse response = CompletableFuture.supplyAsync(() -> unauthorized(path))
			.get(20, TimeUnit.SECONDS);

		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(this.writing.await(30, TimeUnit.SECONDS)).as("the writer holds the event").isTrue();
		assertThat(eventsFor(path)).as("not committed while the writer is blocked").isZero();
		this.release.countDown();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (eventsFor(path) == 0 && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(eventsFor(path)).isOne();
		assertThat(this.dropped).hasValue(0);
	}

	@Test
	void eventFindingTheQueueFullIsDroppedAndCountedAndTheResponseIsUnaffected() throws Exception {
		start(1, false);
		MockHttpServletResponse first = unauthorized("/first");
		assertThat(this.writing.await(30, TimeUnit.SECONDS)).isTrue();
		// The writer is blocked on the first event; the second fills the queue.
		MockHttpServletResponse second = unauthorized("/second");

		MockHttpServletResponse third = CompletableFuture.supplyAsync(() -> unauthorized("/third"))
			.get(20, TimeUnit.SECONDS);

		assertThat(first.getStatus()).isEqualTo(401);
		assertThat(second.getStatus()).isEqualTo(401);
		assertThat(third.getStatus()).isEqualTo(401);
		assertThat(this.dropped).hasValue(1);
	}

	private void start(int capacity, boolean waitForCommit) {
		HikariDataSource pool = database.appPool(4);
		ChainTransactions chains = new ChainTransactions(new TenancyAuditTenantScope(),
				new TransactionTemplate(new TenantBindingDataSourceTransactionManager(pool, database.binding())), pool,
				new ChainAppender("foundation", Clock.systemUTC()));
		ChainSink blocked = (tenant, events) -> {
			this.writing.countDown();
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (this.failing) {
				throw new IllegalStateException("database refused");
			}
			chains.append(tenant, events);
		};
		AuditWriterMetrics metrics = new AuditWriterMetrics() {

			@Override
			public void securityEventDropped() {
				SecurityAuditFilterIntegrationTests.this.dropped.incrementAndGet();
			}

		};
		this.writer = new BatchingAuditWriter(blocked, capacity, 100, Duration.ofSeconds(30), Duration.ofSeconds(30),
				metrics);
		this.writer.start();
		DefaultAuditLog log = new DefaultAuditLog(new TenancyAuditTenantScope(), new RedactingDetailProtector(),
				new TransactionalAuditWriter(chains, metrics), this.writer, 8192);
		this.filter = new SecurityAuditFilter(log, new TenancyAuditTenantScope(),
				new FloodGate(Clock.systemUTC(), Duration.ofMinutes(1), 100, 1000), Duration.ofMinutes(1), metrics,
				waitForCommit);
	}

	private MockHttpServletResponse unauthorized(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		MockHttpServletResponse response = new MockHttpServletResponse();
		try {
			this.filter.doFilter(request, response,
					(req, res) -> ((HttpServletResponse) res).setStatus(HttpServletResponse.SC_UNAUTHORIZED));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return response;
	}

	private static int eventsFor(String path) {
		Integer count = database.adminJdbc()
			.queryForObject("select count(*) from foundation.audit_events where action = 'auth.failure' "
					+ "and details ->> 'path' = ?", Integer.class, path);
		return (count != null) ? count : 0;
	}

}
