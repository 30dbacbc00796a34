package dev.foundation.crypto.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.foundation.crypto.CryptoEvent;
import dev.foundation.crypto.CryptoException;
import dev.foundation.crypto.DataKeys;
import dev.foundation.crypto.KeyDestroyedException;
import dev.foundation.crypto.MasterKeyring;
import dev.foundation.crypto.UnknownKeyException;
import dev.foundation.crypto.WrappedKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Per-scope data keys with envelope encryption: generated on first use (32 random bytes),
 * stored wrapped by the active master key, unwrapped into a cache bounded in count and
 * time.
 * <p>
 * Keys are created in a transaction of their own that commits before the key is used: a
 * key created inside the caller's transaction could be rolled back after values were
 * encrypted under it elsewhere. Reads join the caller's transaction, so a cache miss
 * needs no second connection.
 */
public final class EnvelopeDataKeys implements DataKeys {

	/** The scope of data without a tenant: the nil UUID, which no tenant has. */
	static final UUID SYSTEM_SCOPE = new UUID(0L, 0L);

	private static final byte[] WRAP_LABEL = "foundation-crypto/v1/data-key".getBytes(StandardCharsets.US_ASCII);

	private static final int REWRAP_BATCH = 100;

	private static final Logger logger = LoggerFactory.getLogger(EnvelopeDataKeys.class);

	private final JdbcDataKeyStore store;

	private final MasterKeyring masterKeys;

	private final DataSource dataSource;

	private final String schema;

	private final Cache<UUID, ScopeKeys> cache;

	private final SecureRandom random = new SecureRandom();

	private final ApplicationEventPublisher events;

	// One function for every lookup, not a new method reference per call.
	private final Function<UUID, ScopeKeys> loader = this::load;

	/**
	 * Creates the data keys.
	 * @param dataSource where {@code crypto_data_keys} lives
	 * @param schema the foundation's schema
	 * @param masterKeys the master keys that wrap the data keys
	 * @param maxScopes how many tenants' keys the cache holds
	 * @param timeToLive how long an unwrapped key stays cached
	 */
	public EnvelopeDataKeys(DataSource dataSource, String schema, MasterKeyring masterKeys, long maxScopes,
			Duration timeToLive) {
		this(dataSource, schema, masterKeys, maxScopes, timeToLive, (event) -> {
		});
	}

	/**
	 * Creates the data keys, publishing a {@link CryptoEvent} after each key operation.
	 * @param dataSource where {@code crypto_data_keys} lives
	 * @param schema the foundation's schema
	 * @param masterKeys the master keys that wrap the data keys
	 * @param maxScopes how many tenants' keys the cache holds
	 * @param timeToLive how long an unwrapped key stays cached
	 * @param events where the events go
	 */
	public EnvelopeDataKeys(DataSource dataSource, String schema, MasterKeyring masterKeys, long maxScopes,
			Duration timeToLive, ApplicationEventPublisher events) {
		this.events = events;
		this.store = new JdbcDataKeyStore(JdbcClient.create(dataSource), schema);
		this.masterKeys = masterKeys;
		this.dataSource = dataSource;
		this.schema = schema;
		this.cache = Caffeine.newBuilder()
			.maximumSize(maxScopes)
			.expireAfterWrite(timeToLive)
			.ticker(CoarseTicker.INSTANCE)
			.build();
	}

	/**
	 * Returns the key that encrypts for a tenant, creating the tenant's first key.
	 * @param tenantId the tenant, {@code null} for the system
	 * @return the active key
	 * @throws KeyDestroyedException if the tenant was shredded
	 */
	DataKey active(@Nullable UUID tenantId) {
		UUID scope = scope(tenantId);
		ScopeKeys keys = keys(scope);
		DataKey active = keys.active();
		if (active == null) {
			createFirst(scope);
			this.cache.invalidate(scope);
			active = keys(scope).active();
			if (active == null) {
				throw new IllegalStateException("The first data key of a scope was not stored");
			}
		}
		return active;
	}

	/**
	 * Returns one version of a tenant's keys, for decryption.
	 * @param tenantId the tenant, {@code null} for the system
	 * @param version the version a ciphertext names
	 * @return the key
	 * @throws UnknownKeyException if the tenant has no such version
	 * @throws KeyDestroyedException if the tenant was shredded
	 */
	DataKey version(@Nullable UUID tenantId, int version) {
		UUID scope = scope(tenantId);
		DataKey key = keys(scope).keys().get(version);
		if (key == null && version > 0) {
			// Another instance may have rotated since this one cached the scope.
			this.cache.invalidate(scope);
			key = keys(scope).keys().get(version);
		}
		if (key == null) {
			throw new UnknownKeyException();
		}
		return key;
	}

	/**
	 * Returns every live key of a tenant, newest first (blind-index lookups cover them
	 * all until re-indexing finishes).
	 * @param tenantId the tenant, {@code null} for the system
	 * @return the keys, empty when the tenant has none yet
	 */
	List<DataKey> live(@Nullable UUID tenantId) {
		List<DataKey> keys = new ArrayList<>(keys(scope(tenantId)).keys().values());
		keys.sort(Comparator.comparingInt(DataKey::version).reversed());
		return keys;
	}

	@Override
	public int rotate(@Nullable UUID tenantId) {
		UUID scope = scope(tenantId);
		while (true) {
			List<StoredDataKey> rows = this.store.find(scope);
			if (rows.stream().anyMatch(StoredDataKey::destroyed)) {
				throw new KeyDestroyedException();
			}
			int next = rows.stream().mapToInt(StoredDataKey::version).max().orElse(0) + 1;
			if (ownConnection((store) -> store.insert(scope, next, newKey(scope, next)))) {
				this.cache.invalidate(scope);
				this.events.publishEvent(new CryptoEvent.DataKeyRotated(tenantId, next));
				return next;
			}
		}
	}

	@Override
	public void shred(UUID tenantId) {
		UUID scope = scope(tenantId);
		ownConnection((store) -> {
			store.destroy(scope);
			return true;
		});
		this.cache.invalidate(scope);
		this.events.publishEvent(new CryptoEvent.TenantShredded(tenantId));
	}

	@Override
	public boolean isShredded(UUID tenantId) {
		return this.store.find(scope(tenantId)).stream().anyMatch(StoredDataKey::destroyed);
	}

	@Override
	public int rewrapAll() {
		String active = this.masterKeys.activeKeyId();
		List<JdbcDataKeyStore.Rewrap> pending = this.store.notWrappedBy(active, Integer.MAX_VALUE);
		int rewrapped = 0;
		int failed = 0;
		for (int from = 0; from < pending.size(); from += REWRAP_BATCH) {
			List<JdbcDataKeyStore.Rewrap> batch = pending.subList(from, Math.min(pending.size(), from + REWRAP_BATCH));
			int[] counts = new int[2];
			ownConnection((store) -> {
				for (JdbcDataKeyStore.Rewrap key : batch) {
					byte[] ad = wrapAssociatedData(key.scope(), key.version());
					byte[] material;
					try {
						material = this.masterKeys.unwrap(key.wrapped(), ad);
					}
					catch (CryptoException ex) {
						counts[1]++;
						continue;
					}
					try {
						if (store.replace(key, this.masterKeys.wrap(material, ad))) {
							counts[0]++;
						}
					}
					finally {
						Arrays.fill(material, (byte) 0);
					}
				}
				return true;
			});
			rewrapped += counts[0];
			failed += counts[1];
		}
		if (failed > 0) {
			logger.warn("{} data keys could not be unwrapped and were left as they are: is their master key "
					+ "missing from the keyring?", failed);
		}
		this.events.publishEvent(new CryptoEvent.DataKeysRewrapped(active, rewrapped, failed));
		return rewrapped;
	}

	/**
	 * Returns what the keys look like, without any key material: the active master key,
	 * how many live data keys each master key wraps, how many tenants were shredded.
	 * @return the status
	 */
	public Map<String, Object> status() {
		return Map.of("activeMasterKey", this.masterKeys.activeKeyId(), "dataKeysByMasterKey",
				this.store.countByMasterKey(), "shreddedTenants", this.store.countShredded());
	}

	private ScopeKeys keys(UUID scope) {
		ScopeKeys keys = this.cache.get(scope, this.loader);
		if (keys.shredded()) {
			throw new KeyDestroyedException();
		}
		return keys;
	}

	private ScopeKeys load(UUID scope) {
		List<StoredDataKey> rows = this.store.find(scope);
		Map<Integer, DataKey> keys = new HashMap<>();
		boolean shredded = false;
		int active = 0;
		for (StoredDataKey row : rows) {
			WrappedKey wrapped = row.wrapped();
			if (wrapped == null) {
				shredded = true;
				continue;
			}
			byte[] material = this.masterKeys.unwrap(wrapped, wrapAssociatedData(scope, row.version()));
			keys.put(row.version(), DataKey.derive(row.version(), material));
			active = Math.max(active, row.version());
		}
		return shredded ? new ScopeKeys(true, Map.of(), 0) : new ScopeKeys(false, Map.copyOf(keys), active);
	}

	private void createFirst(UUID scope) {
		ownConnection((store) -> store.insert(scope, 1, newKey(scope, 1)));
	}

	/**
	 * Runs writes on a connection of their own in autocommit mode, outside whatever
	 * transaction the caller is in.
	 */
	private boolean ownConnection(Function<JdbcDataKeyStore, Boolean> work) {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(true);
			JdbcDataKeyStore store = new JdbcDataKeyStore(
					JdbcClient.create(new SingleConnectionDataSource(connection, true)), this.schema);
			return work.apply(store);
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Could not write data keys: " + ex.getMessage(), ex);
		}
	}

	private WrappedKey newKey(UUID scope, int version) {
		byte[] material = new byte[32];
		this.random.nextBytes(material);
		try {
			return this.masterKeys.wrap(material, wrapAssociatedData(scope, version));
		}
		finally {
			Arrays.fill(material, (byte) 0);
		}
	}

	static byte[] wrapAssociatedData(UUID scope, int version) {
		return ByteBuffer.allocate(WRAP_LABEL.length + 20)
			.put(WRAP_LABEL)
			.putLong(scope.getMostSignificantBits())
			.putLong(scope.getLeastSignificantBits())
			.putInt(version)
			.array();
	}

	private static UUID scope(@Nullable UUID tenantId) {
		return (tenantId != null) ? tenantId : SYSTEM_SCOPE;
	}

	@Override
	public String toString() {
		return "EnvelopeDataKeys[masterKeys=" + this.masterKeys + "]";
	}

}
