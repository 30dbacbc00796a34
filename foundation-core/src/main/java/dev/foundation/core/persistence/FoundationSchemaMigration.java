package dev.foundation.core.persistence;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Migrates the foundation's own tables, with a Flyway history of their own, before the application's migrations and
 * before JPA starts (it is registered as a database initializer that runs first).
 */
public class FoundationSchemaMigration implements InitializingBean {

	private static final Logger logger = LoggerFactory.getLogger(FoundationSchemaMigration.class);

	private final Flyway flyway;

	/**
	 * Creates the migration.
	 * @param dataSource where to migrate
	 * @param schema the schema that holds the foundation's tables and history
	 * @param table the history table
	 * @param locations where the foundation's migrations are found
	 */
	public FoundationSchemaMigration(DataSource dataSource, String schema, String table, String... locations) {
		this.flyway = Flyway.configure(getClass().getClassLoader())
			.dataSource(dataSource)
			.schemas(schema)
			.defaultSchema(schema)
			.createSchemas(true)
			.table(table)
			.locations(locations)
			// Modules ship migrations in their own version ranges and are added over time.
			.outOfOrder(true)
			// The schema may already hold the application's tables (when configured to share one).
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.load();
	}

	@Override
	public void afterPropertiesSet() {
		MigrateResult result = this.flyway.migrate();
		logger.info("Foundation schema '{}' is at version {} ({} migration(s) applied)", result.schemaName,
				result.targetSchemaVersion, result.migrationsExecuted);
	}

	/**
	 * Returns the Flyway instance, e.g. to inspect its history.
	 * @return the Flyway instance
	 */
	public Flyway getFlyway() {
		return this.flyway;
	}

}
