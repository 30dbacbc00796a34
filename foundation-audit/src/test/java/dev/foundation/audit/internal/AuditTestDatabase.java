package dev.foundation.audit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.foundation.audit.AuditDetailProtector;
import dev.foundation.audit.RedactingDetailProtector;
import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.tenancy.rls.TenantBindingDataSourceTransactionManager;
import dev.foundation.tenancy.rls.TenantBindingKeys;
import dev.foundation.tenancy.rls.TenantTransactionBinding;
import dev.foundation.test.TestPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh database with the foundation's schema (tenancy and audit) migrated by the
 * superuser, and an application role that owns nothing, with the rights the foundation
 * grants it at startup: the role row-level security and the append-only rules are about.
 */
public final class AuditTestDatabase implements AutoCloseable {

	private final TestPostgres postgres = TestPostgres.shared();

	private final String database;

	private final TestPostgres.Role appRole;

	private final TenantBindingKeys keys;

	private final List<HikariDataSource> pools = new ArrayList<>();

	private final List<BatchingAuditWriter> writers = new ArrayList<>();

	private AuditTestDatabase() {
		this.database = this.postgres.createDatabase("audit");
		this.appRole = this.postgres.createRole("audit_app");
		FoundationSchemaMigration migration = new FoundationSchemaMigration(admin(), "foundation",
				"foundation_schema_history", "classpath:db/foundation");
		migration.setApplicationDataSource(app());
		migration.afterPropertiesSet();
		new AuditSchemaPreparation(admin(), app(), "foundation", 2).run();
		this.keys = new TenantBindingKeys(admin(), "foundation");
	}

	public static AuditTestDatabase create() {
		return new AuditTestDatabase();
	}

	public String jdbcUrl() {
		return this.postgres.jdbcUrl(this.database);
	}

	public String adminUser() {
		return this.postgres.username();
	}

	public String adminPassword() {
		return this.postgres.password();
	}

	public TestPostgres.Role appRole() {
		return this.appRole;
	}

	/** Connections as the superuser (bypasses RLS, may disable triggers). */
	public DataSource admin() {
		return this.postgres.dataSource(this.database);
	}

	/** Unpooled connections as the application role. */
	public DataSource app() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(jdbcUrl());
		dataSource.setUser(this.appRole.name());
		dataSource.setPassword(this.appRole.password());
		return dataSource;
	}

	public JdbcTemplate adminJdbc() {
		return new JdbcTemplate(admin());
	}

	public HikariDataSource appPool(int size) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(jdbcUrl());
		pool.setUsername(this.appRole.name());
		pool.setPassword(this.appRole.password());
		pool.setMaximumPoolSize(size);
		this.pools.add(pool);
		return pool;
	}

	public TenantTransactionBinding binding() {
		return new TenantTransactionBinding(this.keys::get);
	}

	public String bindingOf(java.util.UUID tenant) {
		return this.keys.get().binding(tenant);
	}

	/**
	 * The writers of one application instance, over its own pool as the application role.
	 */
	public Stack stack(int poolSize) {
		return stack(poolSize, 100_000, 1000);
	}

	public Stack stack(int poolSize, int capacity, int batchSize) {
		return stack(poolSize, capacity, batchSize, 1);
	}

	public Stack stack(int poolSize, int capacity, int batchSize, int writers) {
		HikariDataSource pool = appPool(poolSize);
		PlatformTransactionManager transactionManager = new TenantBindingDataSourceTransactionManager(pool, binding());
		ChainTransactions chains = new ChainTransactions(new TenancyAuditTenantScope(),
				new TransactionTemplate(transactionManager), pool, new ChainAppender("foundation", Clock.systemUTC()));
		BatchingAuditWriter batched = new BatchingAuditWriter(chains, capacity, batchSize, Duration.ofSeconds(5),
				Duration.ofSeconds(30), AuditWriterMetrics.NONE, writers);
		batched.start();
		this.writers.add(batched);
		TransactionalAuditWriter transactional = new TransactionalAuditWriter(chains, AuditWriterMetrics.NONE);
		DefaultAuditLog log = new DefaultAuditLog(new TenancyAuditTenantScope(), new RedactingDetailProtector(),
				transactional, batched, 8192);
		TransactionTemplate readOnly = new TransactionTemplate(transactionManager);
		readOnly.setReadOnly(true);
		JdbcAuditChainVerifier verifier = new JdbcAuditChainVerifier(new TenancyAuditTenantScope(), readOnly, pool,
				"foundation", log);
		return new Stack(pool, transactionManager, batched, log, verifier);
	}

	/** Runs SQL as the superuser. */
	public void execute(String sql) {
		try (Connection connection = admin().getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		this.writers.forEach(BatchingAuditWriter::stop);
		this.pools.forEach(HikariDataSource::close);
		this.postgres.dropDatabase(this.database);
	}

	/** One application instance's audit components. */
	public record Stack(HikariDataSource pool, PlatformTransactionManager transactionManager,
			BatchingAuditWriter batched, DefaultAuditLog log, JdbcAuditChainVerifier verifier) {

		public TransactionTemplate transactions() {
			return new TransactionTemplate(this.transactionManager);
		}

	}

	static AuditDetailProtector redacting() {
		return new RedactingDetailProtector();
	}

}
