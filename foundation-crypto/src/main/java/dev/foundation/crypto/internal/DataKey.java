package dev.foundation.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One unwrapped data key version of a scope (tenant or system), held only as its derived
 * sub-keys: the AES-GCM key and the root of the blind-index keys. The unwrapped data key
 * itself is cleared right after derivation. Prints no key material.
 */
final class DataKey {

	private final int version;

	private final SecretKey aesKey;

	private final SecretKeySpec indexRoot;

	private final Map<String, SecretKeySpec> indexKeys = new ConcurrentHashMap<>();

	private DataKey(int version, SecretKey aesKey, SecretKeySpec indexRoot) {
		this.version = version;
		this.aesKey = aesKey;
		this.indexRoot = indexRoot;
	}

	/**
	 * Derives the sub-keys and clears {@code material}.
	 * @param version the key's version
	 * @param material the unwrapped data key (cleared)
	 * @return the key
	 */
	static DataKey derive(int version, byte[] material) {
		try {
			return new DataKey(version, SubKeys.derive(material, SubKeys.info(SubKeys.AES_GCM_INFO), "AES"),
					SubKeys.derive(material, SubKeys.info(SubKeys.BLIND_INDEX_INFO), "HmacSHA256"));
		}
		finally {
			Arrays.fill(material, (byte) 0);
		}
	}

	int version() {
		return this.version;
	}

	SecretKey aesKey() {
		return this.aesKey;
	}

	/**
	 * Returns the blind-index key of one table and column: HKDF of the index root with
	 * info {@code table 0x00 column}, so that each column has its own index key.
	 * @param table the table
	 * @param column the column
	 * @return the HMAC-SHA-256 key
	 */
	SecretKeySpec indexKey(String table, String column) {
		return this.indexKeys.computeIfAbsent(table + '\0' + column, (name) -> {
			byte[] root = this.indexRoot.getEncoded();
			try {
				return SubKeys.derive(root, name.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
			}
			finally {
				Arrays.fill(root, (byte) 0);
			}
		});
	}

	@Override
	public String toString() {
		return "DataKey[version=" + this.version + "]";
	}

}
