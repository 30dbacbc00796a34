package dev.foundation.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.foundation.audit.RedactingDetailProtector;
import dev.foundation.audit.WriteMode;
import dev.foundation.audit.internal.AuditSchemaPreparation;
import dev.foundation.audit.internal.AuditWriterMetrics;
import dev.foundation.audit.internal.BatchingAuditWriter;
import dev.foundation.audit.internal.ChainAppender;
import dev.foundation.audit.internal.ChainTransactions;
import dev.foundation.audit.internal.DefaultAuditLog;
import dev.foundation.audit.internal.TenancyAuditTenantScope;
import dev.foundation.audit.internal.TransactionalAuditWriter;
import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.tenancy.persistence.TenantScope;
import dev.foundation.tenancy.rls.TenantBindingDataSourceTransactionManager;
import dev.foundation.tenancy.rls.TenantBindingKeys;
import dev.foundation.tenancy.rls.TenantTransactionBinding;
import dev.foundation.test.TestPostgres;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audit writes into one tenant's hash chain, 64 callers at once, against the local
 * PostgreSQL as a role under row-level security:
 * <ul>
 * <li>{@code naive}: each event in a transaction of its own, one insert (with the chain
 * lock), what a straightforward writer does;</li>
 * <li>{@code batched}: {@code AuditLog.record} in batched mode, returning after its batch
 * committed (group commit);</li>
 * <li>{@code transactional}: a caller's transaction holding one event, written at its
 * commit (the cost an audited business transaction pays).</li>
 * </ul>
 * Sample mode gives the latency of one call (p99 of {@code record}); throughput mode the
 * events per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode({ Mode.Throughput, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(64)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class AuditWriteBenchmark {

	private final TestPostgres postgres = TestPostgres.shared();

	private String database;

	private HikariDataSource pool;

	private BatchingAuditWriter batched;

	private DefaultAuditLog log;

	private ChainTransactions chains;

	private TransactionTemplate transactions;

	private final UUID tenant = UUID.randomUUID();

	/**
	 * Writer threads of the batched writer (1 is the default of
	 * {@code foundation.audit.batch.writers}; {@code -p writers=1,2} compares
	 * pipelining); the other writers ignore it.
	 */
	@Param({ "1" })
	public int writers;

	@Setup(Level.Trial)
	public void setUp() {
		this.database = this.postgres.createDatabase("audit_bench");
		TestPostgres.Role role = this.postgres.createRole("audit_bench_app");
		this.pool = new HikariDataSource();
		this.pool.setJdbcUrl(this.postgres.jdbcUrl(this.database));
		this.pool.setUsername(role.name());
		this.pool.setPassword(role.password());
		this.pool.setMaximumPoolSize(16);
		FoundationSchemaMigration migration = new FoundationSchemaMigration(this.postgres.dataSource(this.database),
				"foundation", "foundation_schema_history", "classpath:db/foundation");
		migration.setApplicationDataSource(this.pool);
		migration.afterPropertiesSet();
		new AuditSchemaPreparation(this.postgres.dataSource(this.database), this.pool, "foundation", 2).run();
		TenantBindingKeys keys = new TenantBindingKeys(this.postgres.dataSource(this.database), "foundation");
		TenantBindingDataSourceTransactionManager manager = new TenantBindingDataSourceTransactionManager(this.pool,
				new TenantTransactionBinding(keys::get));
		this.transactions = new TransactionTemplate(manager);
		TenancyAuditTenantScope scope = new TenancyAuditTenantScope();
		this.chains = new ChainTransactions(scope, this.transactions, this.pool,
				new ChainAppender("foundation", Clock.systemUTC()));
		this.batched = new BatchingAuditWriter(this.chains, 10_000, 1000, Duration.ofSeconds(5), Duration.ofSeconds(30),
				AuditWriterMetrics.NONE, this.writers);
		this.batched.start();
		this.log = new DefaultAuditLog(scope, new RedactingDetailProtector(),
				new TransactionalAuditWriter(this.chains, AuditWriterMetrics.NONE), this.batched, 8192);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.batched.stop();
		this.pool.close();
		this.postgres.dropDatabase(this.database);
	}

	@Benchmark
	public void naive() {
		var event = this.log.event("contact.update")
			.tenant(this.tenant)
			.resource("contact", "42")
			.detail("fields", List.of("name"));
		TenantScope.run(this.tenant, () -> this.transactions.executeWithoutResult(
				(status) -> this.chains.appendInTransaction(this.tenant, List.of(this.log.toEvent(event)))));
	}

	@Benchmark
	public UUID batched() {
		return this.log.event("contact.update")
			.tenant(this.tenant)
			.resource("contact", "42")
			.detail("fields", List.of("name"))
			.mode(WriteMode.BATCHED)
			.record();
	}

	@Benchmark
	public void transactional() {
		TenantScope.run(this.tenant,
				() -> this.transactions.executeWithoutResult((status) -> this.log.event("contact.update")
					.resource("contact", "42")
					.detail("fields", List.of("name"))
					.mode(WriteMode.TRANSACTIONAL)
					.record()));
	}

}
