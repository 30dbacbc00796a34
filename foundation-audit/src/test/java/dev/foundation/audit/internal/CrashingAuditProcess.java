package dev.foundation.audit.internal;

import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import dev.foundation.audit.RedactingDetailProtector;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The process the crash test kills: records events in batched mode from many threads, as
 * fast as it can, and logs the id of every event whose {@code record} returned (each line
 * flushed to the operating system, which keeps it when the process is killed).
 * <p>
 * Arguments: JDBC URL, user, password, tenant id, acknowledgement file.
 */
public final class CrashingAuditProcess {

	private CrashingAuditProcess() {
	}

	public static void main(String[] args) throws Exception {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(args[0]);
		pool.setUsername(args[1]);
		pool.setPassword(args[2]);
		pool.setMaximumPoolSize(4);
		UUID tenant = UUID.fromString(args[3]);
		RequestContextAuditTenantScope scope = new RequestContextAuditTenantScope();
		ChainTransactions chains = new ChainTransactions(scope,
				new TransactionTemplate(new JdbcTransactionManager(pool)), pool,
				new ChainAppender("foundation", Clock.systemUTC()));
		BatchingAuditWriter batched = new BatchingAuditWriter(chains, 10_000, 500, Duration.ofSeconds(5),
				Duration.ofSeconds(30), AuditWriterMetrics.NONE);
		batched.start();
		DefaultAuditLog log = new DefaultAuditLog(scope, new RedactingDetailProtector(),
				new TransactionalAuditWriter(chains, AuditWriterMetrics.NONE), batched, 8192);
		PrintWriter acknowledged = new PrintWriter(
				new OutputStreamWriter(new FileOutputStream(args[4], true), StandardCharsets.US_ASCII));
		for (int t = 0; t < 32; t++) {
			Thread caller = new Thread(() -> {
				for (int i = 0;; i++) {
					UUID id = log.event("load.test").tenant(tenant).resource("item", i).record();
					synchronized (acknowledged) {
						acknowledged.println(id);
						acknowledged.flush();
					}
				}
			});
			caller.start();
		}
		Thread.sleep(Long.MAX_VALUE);
	}

}
