package dev.foundation.core.persistence.autoconfigure;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;

/**
 * The role the foundation migrates with when it is not the application's:
 * {@code foundation.schema.user}, else {@code spring.flyway.user}, so that one setting
 * gives both Flyway histories the same owner.
 * <p>
 * Why a separate role at all: row-level security means nothing to a table's owner, so an
 * application protected by it connects with a role that owns nothing, and the tables are
 * created (owned) by another.
 */
record MigrationRole(String user, @Nullable String password, @Nullable String url) {

	static @Nullable MigrationRole of(FoundationSchemaProperties properties, Environment environment) {
		String url = StringUtils.hasText(properties.getUrl()) ? properties.getUrl()
				: environment.getProperty("spring.flyway.url");
		if (StringUtils.hasText(properties.getUser())) {
			return new MigrationRole(properties.getUser(), properties.getPassword(), url);
		}
		String flywayUser = environment.getProperty("spring.flyway.user");
		if (StringUtils.hasText(flywayUser)) {
			return new MigrationRole(flywayUser, environment.getProperty("spring.flyway.password"), url);
		}
		return null;
	}

	/**
	 * A data source for the migration alone (a few connections at startup, so no pool),
	 * derived from the application's as Boot derives Flyway's: its URL (and password)
	 * unless given.
	 * @param application the application's data source
	 */
	DataSource dataSource(DataSource application) {
		DataSourceBuilder<?> builder = DataSourceBuilder.derivedFrom(application)
			.type(SimpleDriverDataSource.class)
			.username(this.user);
		if (this.password != null) {
			builder.password(this.password);
		}
		if (StringUtils.hasText(this.url)) {
			builder.url(this.url);
		}
		return builder.build();
	}

	@Override
	public String toString() {
		return "MigrationRole[user=" + this.user + ", url=" + this.url + "]";
	}

}
