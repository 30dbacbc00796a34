package dev.foundation.tenancy.rls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * Reads the {@link TenantBindingKey} that the foundation's migration generated, once,
 * with the role that owns the foundation's schema (the application's role cannot read it,
 * which is the point).
 */
public final class TenantBindingKeys {

	private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,54}");

	private final DataSource owner;

	private final String table;

	private volatile @Nullable TenantBindingKey key;

	/**
	 * Creates the reader.
	 * @param owner a data source connecting as the role that owns the foundation's schema
	 * @param schema the foundation's schema ({@code foundation.schema.name}); the key is
	 * in {@code <schema>_private}
	 */
	public TenantBindingKeys(DataSource owner, String schema) {
		// Why: the schema name is concatenated into SQL, so it must be a plain
		// identifier, however it was configured.
		if (!SCHEMA.matcher(schema).matches()) {
			throw new IllegalArgumentException("Schema must be a lowercase SQL identifier: '" + schema + "'");
		}
		this.owner = owner;
		this.table = schema + "_private.tenant_binding_key";
	}

	/**
	 * Returns the key, reading it on the first call.
	 * @return the key
	 * @throws IllegalStateException if it cannot be read
	 */
	public TenantBindingKey get() {
		TenantBindingKey key = this.key;
		if (key == null) {
			synchronized (this) {
				key = this.key;
				if (key == null) {
					key = read();
					this.key = key;
				}
			}
		}
		return key;
	}

	private TenantBindingKey read() {
		try (Connection connection = this.owner.getConnection();
				PreparedStatement statement = connection.prepareStatement("select key from " + this.table);
				ResultSet result = statement.executeQuery()) {
			if (!result.next()) {
				throw new IllegalStateException("The tenant binding key is missing from " + this.table
						+ "; the foundation's migration V2_6 creates it");
			}
			return new TenantBindingKey(result.getBytes(1));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"Could not read the tenant binding key from " + this.table + " (" + ex.getMessage()
							+ "). It is readable only by the role owning the foundation's schema: configure "
							+ "that role as spring.flyway.user (or foundation.schema.user) with its password, so the "
							+ "application can read the key at startup while connecting as a role that owns nothing",
					ex);
		}
	}

}
