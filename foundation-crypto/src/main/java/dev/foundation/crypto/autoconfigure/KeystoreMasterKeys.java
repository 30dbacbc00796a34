package dev.foundation.crypto.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.SecretKey;

import dev.foundation.core.config.InvalidFoundationPropertyException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads master keys from a PKCS#12 keystore ({@code foundation.crypto.keystore.*}): every
 * secret-key entry, under its alias. Create one with
 * {@code keytool -genseckey -keyalg AES -keysize 256 -storetype PKCS12 -alias 2026-01 -keystore master-keys.p12}.
 */
final class KeystoreMasterKeys {

	private static final String LOCATION = "foundation.crypto.keystore.location";

	private static final String PASSWORD = "foundation.crypto.keystore.password";

	private KeystoreMasterKeys() {
	}

	static Map<String, byte[]> load(CryptoProperties.Keystore properties, ResourceLoader resources) {
		String location = properties.getLocation();
		if (location == null || location.isBlank()) {
			return Map.of();
		}
		Resource resource = resources.getResource(location);
		if (!resource.exists()) {
			throw new InvalidFoundationPropertyException(LOCATION, "no keystore exists at '" + location + "'",
					"point it at a PKCS#12 file, e.g. file:/run/secrets/master-keys.p12");
		}
		String password = properties.getPassword();
		char[] secret = (password != null) ? password.toCharArray() : new char[0];
		Map<String, byte[]> keys = new LinkedHashMap<>();
		try (InputStream in = resource.getInputStream()) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, secret);
			for (String alias : Collections.list(store.aliases())) {
				if (!store.isKeyEntry(alias)) {
					continue;
				}
				Key key = store.getKey(alias, secret);
				byte @Nullable [] bytes = (key instanceof SecretKey) ? key.getEncoded() : null;
				if (bytes == null || bytes.length != 32) {
					throw new InvalidFoundationPropertyException(LOCATION,
							"the keystore entry '" + alias + "' is not a 256-bit secret key",
							"keep only AES-256 secret keys in it (keytool -genseckey -keyalg AES -keysize 256)");
				}
				keys.put(alias, bytes);
			}
		}
		catch (UnrecoverableKeyException ex) {
			throw new InvalidFoundationPropertyException(PASSWORD, "it does not open the keystore's entries",
					"set the keystore's password");
		}
		catch (IOException ex) {
			// PKCS#12 reports a wrong store password as an IOException.
			throw new InvalidFoundationPropertyException(
					PASSWORD, "the keystore at '" + location + "' could not be read with it ("
							+ ex.getClass().getSimpleName() + ")",
					"set the keystore's password, and check that the file is PKCS#12");
		}
		catch (GeneralSecurityException ex) {
			throw new InvalidFoundationPropertyException(LOCATION,
					"the keystore could not be read (" + ex.getClass().getSimpleName() + ")",
					"point it at a PKCS#12 file");
		}
		finally {
			java.util.Arrays.fill(secret, '\0');
		}
		if (keys.isEmpty()) {
			throw new InvalidFoundationPropertyException(LOCATION, "the keystore holds no secret key",
					"add one: keytool -genseckey -keyalg AES -keysize 256 -storetype PKCS12 -alias <id>");
		}
		return keys;
	}

}
