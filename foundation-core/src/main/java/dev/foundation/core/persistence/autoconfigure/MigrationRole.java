package dev.foundation.core.persistence.autoconfigure;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.util.StringUtils;

/**
 * The role the foundation migrates with when it is not the application's: {@code foundation.schema.user}, else
 * {@code spring.flyway.user}, so that one setting gives both Flyway histories the same owner.
 * <p>
 * Why a separate role at all: row-level security means nothing to a table's owner, so an application protected by it
 * connects with a role that owns nothing, and the tables are created (owned) by another.
 */
record MigrationRole(String user, @Nullable String password, @Nullable String url) {

	static @Nullable MigrationRole of(FoundationSchemaProperties properties, Environment environment) {
		if (StringUtils.hasText(properties.getUser())) {
			return new MigrationRole(properties.getUser(), properties.getPassword(),
					url(properties, environment));
		}
		String flywayUser = environment.getProperty("spring.flyway.user");
		if (StringUtils.hasText(flywayUser)) {
			return new MigrationRole(flywayUser, environment.getProperty("spring.flyway.password"),
					url(properties, environment));
		}
		return null;
	}

	private static @Nullable String url(FoundationSchemaProperties properties, Environment environment) {
		return firstText(properties.getUrl(), environment.getProperty("spring.flyway.url"),
				environment.getProperty("spring.datasource.url"));
	}

	/**
	 * A data source for the migration alone (a few connections at startup, so no pool).
	 * @param application the application's data source, whose URL is used when none is configured
	 */
	DataSource dataSource(DataSource application) {
		String jdbcUrl = (this.url != null) ? this.url : urlOf(application);
		return new DriverManagerDataSource(jdbcUrl, this.user, (this.password != null) ? this.password : "");
	}

	private static String urlOf(DataSource application) {
		try {
			return JdbcUtils.extractDatabaseMetaData(application, DatabaseMetaData::getURL);
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Cannot read the JDBC URL of the application's data source to migrate "
					+ "the foundation's schema as another role; set foundation.schema.url", ex);
		}
	}

	private static @Nullable String firstText(@Nullable String... values) {
		for (String value : values) {
			if (StringUtils.hasText(value)) {
				return value;
			}
		}
		return null;
	}

	@Override
	public String toString() {
		return "MigrationRole[user=" + this.user + ", url=" + this.url + "]";
	}

}
