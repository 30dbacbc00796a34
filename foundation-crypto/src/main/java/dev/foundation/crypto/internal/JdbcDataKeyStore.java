package dev.foundation.crypto.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.foundation.crypto.WrappedKey;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The wrapped data keys in the foundation's schema ({@code crypto_data_keys}, migration
 * {@code V3_0}). Holds no key in the clear.
 */
final class JdbcDataKeyStore {

	private final JdbcClient jdbc;

	private final String table;

	JdbcDataKeyStore(JdbcClient jdbc, String schema) {
		this.jdbc = jdbc;
		this.table = "\"" + schema.replace("\"", "\"\"") + "\".crypto_data_keys";
	}

	List<StoredDataKey> find(UUID scope) {
		return this.jdbc
			.sql("select version, master_key_id, wrapped_key from " + this.table
					+ " where scope_id = ? order by version")
			.param(scope)
			.query((rs, row) -> {
				byte[] wrapped = rs.getBytes("wrapped_key");
				String masterKeyId = rs.getString("master_key_id");
				return new StoredDataKey(rs.getInt("version"),
						(wrapped != null && masterKeyId != null) ? new WrappedKey(masterKeyId, wrapped) : null);
			})
			.list();
	}

	/**
	 * Inserts a version unless it exists (another instance may create it at the same
	 * time) or the scope was shredded.
	 * @return whether this call inserted it
	 */
	boolean insert(UUID scope, int version, WrappedKey wrapped) {
		return this.jdbc
			.sql("insert into " + this.table + " (scope_id, version, master_key_id, wrapped_key) select ?, ?, ?, ?"
					+ " where not exists (select 1 from " + this.table
					+ " where scope_id = ? and destroyed_at is not null)"
					+ " on conflict (scope_id, version) do nothing")
			.params(scope, version, wrapped.masterKeyId(), wrapped.ciphertext(), scope)
			.update() == 1;
	}

	/**
	 * Destroys every key of a scope and leaves a tombstone (version 0), in one statement.
	 */
	void destroy(UUID scope) {
		this.jdbc
			.sql("with tombstone as (insert into " + this.table + " (scope_id, version, destroyed_at)"
					+ " values (?, 0, now()) on conflict (scope_id, version) do nothing)" + " update " + this.table
					+ " set wrapped_key = null, master_key_id = null, destroyed_at = coalesce(destroyed_at, now())"
					+ " where scope_id = ?")
			.params(scope, scope)
			.update();
	}

	/**
	 * Counts the live data keys by the master key that wraps them.
	 */
	Map<String, Integer> countByMasterKey() {
		Map<String, Integer> counts = new TreeMap<>();
		this.jdbc
			.sql("select master_key_id, count(*) as keys from " + this.table
					+ " where wrapped_key is not null group by master_key_id")
			.query((rs) -> {
				counts.put(rs.getString("master_key_id"), rs.getInt("keys"));
			});
		return counts;
	}

	int countShredded() {
		Integer count = this.jdbc.sql("select count(*) from " + this.table + " where version = 0")
			.query(Integer.class)
			.single();
		return (count != null) ? count : 0;
	}

	/** A live key to re-wrap. */
	record Rewrap(UUID scope, int version, WrappedKey wrapped) {
	}

	List<Rewrap> notWrappedBy(String masterKeyId, int limit) {
		return this.jdbc
			.sql("select scope_id, version, master_key_id, wrapped_key from " + this.table
					+ " where wrapped_key is not null and master_key_id <> ? order by scope_id, version limit ?")
			.params(masterKeyId, limit)
			.query((rs, row) -> new Rewrap(rs.getObject("scope_id", UUID.class), rs.getInt("version"),
					new WrappedKey(rs.getString("master_key_id"), rs.getBytes("wrapped_key"))))
			.list();
	}

	boolean replace(Rewrap old, WrappedKey wrapped) {
		return this.jdbc
			.sql("update " + this.table + " set master_key_id = ?, wrapped_key = ?, rewrapped_at = now()"
					+ " where scope_id = ? and version = ? and master_key_id = ?")
			.params(wrapped.masterKeyId(), wrapped.ciphertext(), old.scope(), old.version(),
					old.wrapped().masterKeyId())
			.update() == 1;
	}

}
