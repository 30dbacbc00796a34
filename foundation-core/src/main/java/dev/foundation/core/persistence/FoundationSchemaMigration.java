package dev.foundation.core.persistence;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migrates the foundation's own tables, with a Flyway history of their own, before the
 * application's migrations and before JPA starts (it is registered as a database
 * initializer that runs first).
 */
public class FoundationSchemaMigration implements InitializingBean {

	private static final Logger logger = LoggerFactory.getLogger(FoundationSchemaMigration.class);

	private final Flyway flyway;

	private final DataSource dataSource;

	private final String schema;

	private final String table;

	private @Nullable DataSource applicationDataSource;

	/**
	 * Creates the migration.
	 * @param dataSource where to migrate
	 * @param schema the schema that holds the foundation's tables and history
	 * @param table the history table
	 * @param locations where the foundation's migrations are found
	 */
	public FoundationSchemaMigration(DataSource dataSource, String schema, String table, String... locations) {
		this.dataSource = dataSource;
		this.schema = schema;
		this.table = table;
		this.flyway = Flyway.configure(getClass().getClassLoader())
			.dataSource(dataSource)
			.schemas(schema)
			.defaultSchema(schema)
			.createSchemas(true)
			.table(table)
			.locations(locations)
			// Modules ship migrations in their own version ranges and are added over
			// time.
			.outOfOrder(true)
			// The schema may already hold the application's tables (when configured to
			// share one).
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.load();
	}

	@Override
	public void afterPropertiesSet() {
		MigrateResult result = this.flyway.migrate();
		logger.info("Foundation schema '{}' is at version {} ({} migration(s) applied)", result.schemaName,
				result.targetSchemaVersion, result.migrationsExecuted);
		if (this.applicationDataSource != null) {
			grantApplicationRole(this.applicationDataSource);
		}
	}

	/**
	 * Sets the data source the application connects with, when it differs from the one
	 * migrating: after migrating, its role is granted usage of the schema and select,
	 * insert, update and delete on the foundation's tables (the history table: select
	 * only). Nothing is granted when both connect as the same role.
	 * @param applicationDataSource the application's data source, or {@code null} to
	 * grant nothing
	 */
	public void setApplicationDataSource(@Nullable DataSource applicationDataSource) {
		this.applicationDataSource = applicationDataSource;
	}

	private void grantApplicationRole(DataSource application) {
		JdbcTemplate migrating = new JdbcTemplate(this.dataSource);
		String applicationRole = new JdbcTemplate(application).queryForObject("select current_user", String.class);
		String migratingRole = migrating.queryForObject("select current_user", String.class);
		if (applicationRole == null || applicationRole.equals(migratingRole)) {
			return;
		}
		String role = quote(applicationRole);
		String schema = quote(this.schema);
		// Tables only, never ownership: an owner could switch row-level security off.
		migrating.execute("grant usage on schema " + schema + " to " + role);
		migrating.execute("grant select, insert, update, delete on all tables in schema " + schema + " to " + role);
		migrating.execute("revoke insert, update, delete on " + schema + "." + quote(this.table) + " from " + role);
		migrating.execute("grant usage, select on all sequences in schema " + schema + " to " + role);
		logger.info("Granted role '{}' the use of the foundation's tables in schema '{}'", applicationRole,
				this.schema);
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	/**
	 * Returns the data source the migration runs with: the migration role's when one is
	 * configured (it owns the foundation's tables), otherwise the application's.
	 * @return the migrating data source
	 */
	public DataSource getDataSource() {
		return this.dataSource;
	}

	/**
	 * Returns the schema that holds the foundation's tables.
	 * @return the schema name
	 */
	public String getSchema() {
		return this.schema;
	}

	/**
	 * Returns the Flyway instance, e.g. to inspect its history.
	 * @return the Flyway instance
	 */
	public Flyway getFlyway() {
		return this.flyway;
	}

}
