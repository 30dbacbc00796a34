package dev.foundation.crypto.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Field encryption ({@code foundation.crypto.*}).
 */
@ConfigurationProperties("foundation.crypto")
public class CryptoProperties {

	/**
	 * Whether field encryption is configured when master keys are given.
	 */
	private boolean enabled = true;

	/**
	 * Master keys (key-encryption keys) that wrap the tenants' data keys: each an id and
	 * 32 random bytes in base64. Keep retired keys listed until every data key was
	 * re-wrapped.
	 */
	private List<MasterKey> masterKeys = new ArrayList<>();

	/**
	 * Id of the master key that wraps new data keys. May be left out when only one master
	 * key is configured.
	 */
	private @Nullable String activeMasterKey;

	/**
	 * Text returned for encrypted String attributes whose tenant was shredded, instead of
	 * failing with a KeyDestroyedException (410 at the HTTP edge). Unset to fail.
	 */
	private @Nullable String shreddedPlaceholder;

	private final Keystore keystore = new Keystore();

	private final DataKeyCache dataKeyCache = new DataKeyCache();

	private final BlindIndex blindIndex = new BlindIndex();

	private final ReEncryption reencryption = new ReEncryption();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<MasterKey> getMasterKeys() {
		return this.masterKeys;
	}

	public void setMasterKeys(List<MasterKey> masterKeys) {
		this.masterKeys = masterKeys;
	}

	public @Nullable String getActiveMasterKey() {
		return this.activeMasterKey;
	}

	public void setActiveMasterKey(@Nullable String activeMasterKey) {
		this.activeMasterKey = activeMasterKey;
	}

	public @Nullable String getShreddedPlaceholder() {
		return this.shreddedPlaceholder;
	}

	public void setShreddedPlaceholder(@Nullable String shreddedPlaceholder) {
		this.shreddedPlaceholder = shreddedPlaceholder;
	}

	public Keystore getKeystore() {
		return this.keystore;
	}

	public DataKeyCache getDataKeyCache() {
		return this.dataKeyCache;
	}

	public BlindIndex getBlindIndex() {
		return this.blindIndex;
	}

	public ReEncryption getReencryption() {
		return this.reencryption;
	}

	/** One master key. */
	public static class MasterKey {

		/**
		 * Id of the key, stored with every data key it wraps.
		 */
		private @Nullable String id;

		/**
		 * The key: exactly 32 random bytes in base64 (e.g. from `openssl rand -base64
		 * 32`), best taken from the environment or a secret store, never committed.
		 */
		private @Nullable String key;

		public @Nullable String getId() {
			return this.id;
		}

		public void setId(@Nullable String id) {
			this.id = id;
		}

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		@Override
		public String toString() {
			return "MasterKey[id=" + this.id + "]";
		}

	}

	/** Master keys from a PKCS#12 keystore. */
	public static class Keystore {

		/**
		 * Location of a PKCS#12 keystore whose secret-key entries (AES, 256 bits) are
		 * master keys, each under its alias as id, e.g.
		 * file:/run/secrets/master-keys.p12.
		 */
		private @Nullable String location;

		/**
		 * Password of the keystore and of its entries.
		 */
		private @Nullable String password;

		public @Nullable String getLocation() {
			return this.location;
		}

		public void setLocation(@Nullable String location) {
			this.location = location;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

	}

	/** The cache of unwrapped data keys. */
	public static class DataKeyCache {

		/**
		 * How many tenants' data keys are kept unwrapped in memory at most.
		 */
		private long maxTenants = 10_000;

		/**
		 * How long an unwrapped data key stays cached; also how long other instances may
		 * still read a shredded tenant's data.
		 */
		private Duration timeToLive = Duration.ofMinutes(5);

		public long getMaxTenants() {
			return this.maxTenants;
		}

		public void setMaxTenants(long maxTenants) {
			this.maxTenants = maxTenants;
		}

		public Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

	}

	/** Blind indexes. */
	public static class BlindIndex {

		/**
		 * How many bytes of the HMAC-SHA-256 an index value keeps, 8 to 32. Shorter
		 * values leak less about equality across the table but give more false positives.
		 */
		private int length = 16;

		public int getLength() {
			return this.length;
		}

		public void setLength(int length) {
			this.length = length;
		}

	}

	/** The re-encryption job started from the {@code crypto} actuator endpoint. */
	public static class ReEncryption {

		/**
		 * How many rows the job reads, re-encrypts and records its position for at once.
		 */
		private int batchSize = 500;

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

	}

}
