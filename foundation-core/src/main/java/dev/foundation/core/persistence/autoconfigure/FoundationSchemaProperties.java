package dev.foundation.core.persistence.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the foundation's own tables and their Flyway history.
 */
@ConfigurationProperties("foundation.schema")
@Validated
public class FoundationSchemaProperties {

	private static final String IDENTIFIER = "[a-z_][a-z0-9_]{0,62}";

	/**
	 * Whether the foundation migrates its own tables at startup. Switch off when they are
	 * created by other means (e.g. a migration job with elevated rights).
	 */
	private boolean enabled = true;

	/**
	 * Schema of the foundation's tables and history table; kept apart from the
	 * application's schema so that the two Flyway histories never see each other's
	 * tables.
	 */
	@Pattern(regexp = IDENTIFIER, message = "must be a lowercase SQL identifier")
	private String name = "foundation";

	/**
	 * Flyway history table of the foundation's migrations.
	 */
	@Pattern(regexp = IDENTIFIER, message = "must be a lowercase SQL identifier")
	private String historyTable = "foundation_schema_history";

	/**
	 * Locations of the foundation's migrations; modules add theirs under
	 * classpath:db/foundation.
	 */
	@NotEmpty
	private List<String> locations = new ArrayList<>(List.of("classpath:db/foundation"));

	/**
	 * Login role to migrate with, when the application connects with a role that may not
	 * create schemas and tables (as row-level security requires). Defaults to
	 * spring.flyway.user; without either, the application's data source is used.
	 */
	private @Nullable String user;

	/**
	 * Password of the migration role. Defaults to spring.flyway.password when the user
	 * comes from spring.flyway.user, else to the application data source's password.
	 */
	private @Nullable String password;

	/**
	 * JDBC URL to migrate with a separate role. Defaults to spring.flyway.url, else the
	 * application data source's URL.
	 */
	private @Nullable String url;

	/**
	 * Whether, when migrating with a separate role, the application's role is granted
	 * usage of the schema and select, insert, update and delete on the foundation's
	 * tables, at every startup (idempotent).
	 */
	private boolean grantApplicationRole = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getHistoryTable() {
		return this.historyTable;
	}

	public void setHistoryTable(String historyTable) {
		this.historyTable = historyTable;
	}

	public @Nullable String getUser() {
		return this.user;
	}

	public void setUser(@Nullable String user) {
		this.user = user;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public boolean isGrantApplicationRole() {
		return this.grantApplicationRole;
	}

	public void setGrantApplicationRole(boolean grantApplicationRole) {
		this.grantApplicationRole = grantApplicationRole;
	}

	public List<String> getLocations() {
		return this.locations;
	}

	public void setLocations(List<String> locations) {
		this.locations = locations;
	}

}
