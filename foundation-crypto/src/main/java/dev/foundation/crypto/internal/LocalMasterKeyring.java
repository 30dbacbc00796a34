package dev.foundation.crypto.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import dev.foundation.crypto.MasterKeyring;
import dev.foundation.crypto.UnknownKeyException;
import dev.foundation.crypto.WrappedKey;

/**
 * Master keys held in this process (from properties or a PKCS#12 keystore). Wraps with
 * AES-256-GCM: {@code nonce(12) || ciphertext || tag(16)}, the associated data binding
 * the wrapped key to its scope and version.
 */
public final class LocalMasterKeyring implements MasterKeyring {

	private final Map<String, SecretKey> keys;

	private final String activeKeyId;

	private final SecretKey activeKey;

	/**
	 * Creates the keyring. The caller validated the keys (32 bytes, unique ids, the
	 * active one present) and clears its arrays afterwards; this keeps its own copies.
	 * @param keys the keys by id
	 * @param activeKeyId the id of the key that wraps
	 */
	public LocalMasterKeyring(Map<String, byte[]> keys, String activeKeyId) {
		Map<String, SecretKey> copies = new LinkedHashMap<>();
		keys.forEach((id, bytes) -> {
			if (bytes.length != 32) {
				throw new IllegalArgumentException("Master key '" + id + "' is not 256 bits long");
			}
			copies.put(id, new SecretKeySpec(bytes, "AES"));
		});
		SecretKey active = copies.get(activeKeyId);
		if (active == null) {
			throw new IllegalArgumentException("The active master key '" + activeKeyId + "' is not in the keyring");
		}
		this.keys = Collections.unmodifiableMap(copies);
		this.activeKeyId = activeKeyId;
		this.activeKey = active;
	}

	@Override
	public String activeKeyId() {
		return this.activeKeyId;
	}

	@Override
	public Set<String> keyIds() {
		return this.keys.keySet();
	}

	@Override
	public WrappedKey wrap(byte[] dataKey, byte[] associatedData) {
		byte[] out = new byte[AesGcm.NONCE_LENGTH + dataKey.length + AesGcm.TAG_LENGTH];
		AesGcm.encrypt(this.activeKey, dataKey, associatedData, out, 0);
		return new WrappedKey(this.activeKeyId, out);
	}

	@Override
	public byte[] unwrap(WrappedKey wrapped, byte[] associatedData) {
		SecretKey key = this.keys.get(wrapped.masterKeyId());
		if (key == null) {
			throw new UnknownKeyException();
		}
		byte[] ciphertext = wrapped.ciphertext();
		if (ciphertext.length < AesGcm.NONCE_LENGTH + AesGcm.TAG_LENGTH) {
			throw new UnknownKeyException();
		}
		return AesGcm.decrypt(key, Arrays.copyOf(ciphertext, ciphertext.length), 0, associatedData);
	}

	@Override
	public String toString() {
		return "LocalMasterKeyring[keys=" + this.keys.keySet() + ", active=" + this.activeKeyId + "]";
	}

}
