package dev.foundation.audit.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the monthly partitions of {@code audit_events} created ahead while the
 * application runs: startup creates them up to some months ahead
 * ({@link AuditSchemaPreparation}), and this repeats that at a fixed interval (daily by
 * default), so an application running longer than those months never meets a month
 * without a partition (an insert there would fail). Creating a partition that exists is a
 * no-op, so several instances may run it at once. Runs as the role that owns the tables
 * (the partition functions are not granted to the application role). A failed run is
 * logged and retried at the next interval.
 */
public final class PartitionMaintenance implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PartitionMaintenance.class);

	private final @Nullable JdbcTemplate owner;

	private final String schema;

	private final int monthsAhead;

	private final Duration interval;

	private @Nullable ScheduledExecutorService executor;

	/**
	 * Creates the maintenance.
	 * @param owner the data source of the tables' owner; {@code null} to do nothing
	 * (partitions are then the operator's business)
	 * @param schema the foundation's schema
	 * @param monthsAhead how many months of partitions to keep ready
	 * @param interval how often to check
	 */
	public PartitionMaintenance(@Nullable DataSource owner, String schema, int monthsAhead, Duration interval) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("The partition maintenance interval must be positive");
		}
		this.owner = (owner != null) ? new JdbcTemplate(owner) : null;
		this.schema = Schemas.check(schema);
		this.monthsAhead = monthsAhead;
		this.interval = interval;
	}

	/**
	 * Creates the missing partitions from last month to {@code monthsAhead} months ahead.
	 */
	public void ensurePartitions() {
		if (this.owner != null) {
			this.owner.queryForObject("select " + this.schema + ".audit_ensure_partitions(?)::text", String.class,
					this.monthsAhead);
		}
	}

	private void runQuietly() {
		try {
			ensurePartitions();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not create the audit partitions ahead; retrying in {}", this.interval, ex);
		}
	}

	@Override
	public synchronized void start() {
		if (this.owner == null || this.executor != null) {
			return;
		}
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "audit-partitions");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		scheduler.scheduleWithFixedDelay(this::runQuietly, millis, millis, TimeUnit.MILLISECONDS);
		this.executor = scheduler;
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
