package dev.foundation.crypto.autoconfigure;

import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.crypto.internal.LocalMasterKeyring;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ResourceLoader;

/**
 * Validates {@code foundation.crypto.master-keys} and builds the keyring. Every failure
 * names the property and the fix and never quotes a key.
 */
final class MasterKeysFromProperties {

	private static final String PREFIX = "foundation.crypto.master-keys";

	private static final String GENERATE = "32 random bytes in base64, e.g. from `openssl rand -base64 32`";

	private MasterKeysFromProperties() {
	}

	static LocalMasterKeyring keyring(CryptoProperties properties, ResourceLoader resources) {
		List<CryptoProperties.MasterKey> configured = properties.getMasterKeys();
		Map<String, byte[]> fromKeystore = KeystoreMasterKeys.load(properties.getKeystore(), resources);
		if (configured.isEmpty() && fromKeystore.isEmpty()) {
			throw new InvalidFoundationPropertyException(PREFIX, "no master key is configured",
					"add " + PREFIX + "[0].id and " + PREFIX + "[0].key (" + GENERATE + ")");
		}
		Map<String, byte[]> keys = new LinkedHashMap<>();
		try {
			for (int i = 0; i < configured.size(); i++) {
				CryptoProperties.MasterKey key = configured.get(i);
				String id = key.getId();
				if (id == null || id.isBlank()) {
					throw new InvalidFoundationPropertyException(PREFIX + "[" + i + "].id", "the id is missing",
							"give every master key a unique id, e.g. the date it was created");
				}
				if (keys.containsKey(id)) {
					throw new InvalidFoundationPropertyException(PREFIX + "[" + i + "].id",
							"the id '" + id + "' is used by more than one master key",
							"give every master key a unique id");
				}
				keys.put(id, decode(key.getKey(), PREFIX + "[" + i + "].key"));
			}
			for (Map.Entry<String, byte[]> entry : fromKeystore.entrySet()) {
				if (keys.containsKey(entry.getKey())) {
					throw new InvalidFoundationPropertyException("foundation.crypto.keystore.location",
							"the keystore's alias '" + entry.getKey() + "' is also the id of a configured master key",
							"give every master key a unique id");
				}
				keys.put(entry.getKey(), entry.getValue());
			}
			String active = properties.getActiveMasterKey();
			if (active == null || active.isBlank()) {
				if (keys.size() > 1) {
					throw new InvalidFoundationPropertyException("foundation.crypto.active-master-key",
							"it is not set, and " + keys.size() + " master keys are configured",
							"name the master key that wraps new data keys, one of " + keys.keySet());
				}
				active = keys.keySet().iterator().next();
			}
			else if (!keys.containsKey(active)) {
				throw new InvalidFoundationPropertyException("foundation.crypto.active-master-key",
						"it names no configured master key", "name one of " + keys.keySet());
			}
			return new LocalMasterKeyring(keys, active);
		}
		finally {
			keys.values().forEach((bytes) -> Arrays.fill(bytes, (byte) 0));
			fromKeystore.values().forEach((bytes) -> Arrays.fill(bytes, (byte) 0));
		}
	}

	private static byte[] decode(@Nullable String value, String property) {
		if (value == null || value.isBlank()) {
			throw new InvalidFoundationPropertyException(property, "the key is missing", "set it to " + GENERATE);
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFoundationPropertyException(property, "the key is not valid base64",
					"set it to " + GENERATE);
		}
		if (bytes.length != 32) {
			int length = bytes.length;
			Arrays.fill(bytes, (byte) 0);
			throw new InvalidFoundationPropertyException(property,
					"the key is " + length + " bytes long, a master key is exactly 32 bytes (256 bits)",
					"set it to " + GENERATE);
		}
		return bytes;
	}

}
