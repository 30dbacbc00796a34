package dev.foundation.audit.autoconfigure;

import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.foundation.audit.internal.CheckpointKey;
import dev.foundation.audit.internal.CheckpointSignatures;
import dev.foundation.core.config.InvalidFoundationPropertyException;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code foundation.audit.checkpoints.*} and builds the signing key and the
 * trusted keys. Every failure names the property and the fix and never quotes a key.
 */
final class CheckpointKeysFromProperties {

	private static final String PREFIX = "foundation.audit.checkpoints";

	private static final String GENERATE = "generate a pair with: openssl genpkey -algorithm ed25519 -out key.pem && "
			+ "openssl pkey -in key.pem -pubout -out pub.pem";

	private static final String PUBLIC_KEY = "set it to the X.509 PEM of an Ed25519 public key "
			+ "(openssl pkey -in key.pem -pubout -out pub.pem)";

	private CheckpointKeysFromProperties() {
	}

	/**
	 * The trusted keys: the active key's public key under its id, then the
	 * verification-only keys. Empty when none is configured.
	 */
	static CheckpointSignatures trusted(AuditProperties.Checkpoints properties) {
		Map<String, PublicKey> keys = new LinkedHashMap<>();
		String keyId = activeKeyId(properties);
		String publicKey = text(properties.getPublicKey());
		if (publicKey != null) {
			PublicKey key = read(publicKey, PREFIX + ".public-key");
			keys.put((keyId != null) ? keyId : CheckpointSignatures.defaultKeyId(key), key);
		}
		else {
			requireActivePublicKey(properties);
		}
		List<AuditProperties.TrustedKey> trusted = properties.getTrustedKeys();
		for (int i = 0; i < trusted.size(); i++) {
			String property = PREFIX + ".trusted-keys[" + i + "]";
			AuditProperties.TrustedKey entry = trusted.get(i);
			String pem = text(entry.getPublicKey());
			if (pem == null) {
				throw new InvalidFoundationPropertyException(property + ".public-key", "the key is missing",
						PUBLIC_KEY);
			}
			PublicKey key = read(pem, property + ".public-key");
			String configuredId = text(entry.getId());
			String id = (configuredId != null) ? checkId(configuredId, property + ".id")
					: CheckpointSignatures.defaultKeyId(key);
			if (keys.containsKey(id)) {
				throw new InvalidFoundationPropertyException(property + ".id",
						"the key id '" + id + "' is used by more than one checkpoint key"
								+ ((configuredId != null) ? ""
										: " (the default id: the same public key listed twice?)"),
						"give every checkpoint key (" + PREFIX + ".key-id and each " + PREFIX
								+ ".trusted-keys[n].id) a unique id, and list each key once");
			}
			keys.put(id, key);
		}
		return new CheckpointSignatures(keys);
	}

	/**
	 * The active signing key; {@code foundation.audit.checkpoints.private-key} is set.
	 */
	static CheckpointKey signing(AuditProperties.Checkpoints properties, String privateKey) {
		String keyId = activeKeyId(properties);
		requireActivePublicKey(properties);
		// Present: checked just above.
		String publicKey = Objects.requireNonNull(properties.getPublicKey());
		read(publicKey, PREFIX + ".public-key");
		try {
			return new CheckpointKey(privateKey, publicKey, keyId);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFoundationPropertyException(PREFIX + ".private-key", ex, GENERATE);
		}
	}

	private static @Nullable String activeKeyId(AuditProperties.Checkpoints properties) {
		String keyId = text(properties.getKeyId());
		return (keyId != null) ? checkId(keyId, PREFIX + ".key-id") : null;
	}

	// The active key is the private key with its public key; an id or a private key
	// without the public key names an active key that is not there.
	private static void requireActivePublicKey(AuditProperties.Checkpoints properties) {
		if (hasText(properties.getPublicKey())) {
			return;
		}
		if (hasText(properties.getPrivateKey())) {
			throw new InvalidFoundationPropertyException(PREFIX + ".public-key",
					"missing while " + PREFIX + ".private-key is set",
					"set it to the X.509 PEM public key of the checkpoint private key");
		}
		if (hasText(properties.getKeyId())) {
			throw new InvalidFoundationPropertyException(PREFIX + ".public-key",
					"missing while " + PREFIX + ".key-id names an active checkpoint key",
					"set " + PREFIX + ".private-key and " + PREFIX + ".public-key to the active key pair, or remove "
							+ PREFIX + ".key-id and list the key under " + PREFIX + ".trusted-keys");
		}
	}

	private static PublicKey read(String pem, String property) {
		try {
			return CheckpointSignatures.readPublicKey(pem);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFoundationPropertyException(property, ex, PUBLIC_KEY);
		}
	}

	private static String checkId(String id, String property) {
		try {
			return CheckpointSignatures.checkKeyId(id);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFoundationPropertyException(property, ex, "use a short id such as 2026-12");
		}
	}

	private static boolean hasText(@Nullable String value) {
		return text(value) != null;
	}

	private static @Nullable String text(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value : null;
	}

}
