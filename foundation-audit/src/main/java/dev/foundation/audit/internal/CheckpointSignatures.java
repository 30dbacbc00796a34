package dev.foundation.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The trusted checkpoint keys: Ed25519 public keys, each under its key id, that a
 * checkpoint may be signed with. A checkpoint names the id of the key that signed it; it
 * is accepted only when that id is trusted here and the signature is that key's. So the
 * signing key can be replaced (the new pair signs, the old public key stays trusted for
 * the checkpoints it signed), and removing a key from the set makes its checkpoints fail.
 * Checking needs the public keys alone, as for any holder of an exported checkpoint.
 */
public final class CheckpointSignatures {

	/**
	 * What a key id may look like: short, and free of {@code =} and white space so that
	 * it can be written as {@code id=file} on a command line.
	 */
	public static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

	private final Map<String, PublicKey> keys;

	/**
	 * Trusts one public key under its default id ({@link #defaultKeyId(PublicKey)}).
	 * @param publicKeyPem the X.509 SubjectPublicKeyInfo PEM (or its base64 body)
	 * @throws IllegalArgumentException if it is not an Ed25519 public key
	 */
	public CheckpointSignatures(String publicKeyPem) {
		this(Map.of(defaultKeyId(readPublicKey(publicKeyPem)), readPublicKey(publicKeyPem)));
	}

	/**
	 * Trusts the given keys.
	 * @param keys the Ed25519 public keys by key id (may be empty: nothing is trusted)
	 * @throws IllegalArgumentException if an id does not match {@link #KEY_ID} or a key
	 * is not Ed25519
	 */
	public CheckpointSignatures(Map<String, PublicKey> keys) {
		Map<String, PublicKey> copy = new LinkedHashMap<>();
		keys.forEach((id, key) -> {
			checkKeyId(id);
			if (!(key instanceof EdECPublicKey edKey) || !"Ed25519".equals(edKey.getParams().getName())) {
				throw new IllegalArgumentException("Not an Ed25519 public key: " + id);
			}
			copy.put(id, key);
		});
		this.keys = Collections.unmodifiableMap(copy);
	}

	/**
	 * Reads an Ed25519 public key.
	 * @param publicKeyPem the X.509 SubjectPublicKeyInfo PEM (or its base64 body)
	 * @return the key
	 * @throws IllegalArgumentException if it is not an Ed25519 public key
	 */
	public static PublicKey readPublicKey(String publicKeyPem) {
		try {
			return KeyFactory.getInstance("Ed25519")
				.generatePublic(new X509EncodedKeySpec(CheckpointKey.der(publicKeyPem)));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("Not an Ed25519 public key (X.509 PEM)", ex);
		}
	}

	/**
	 * Returns the id a key has when none is configured: {@code ed25519:} and the first 8
	 * bytes of the SHA-256 of its X.509 encoding, in hex. Checkpoints signed before key
	 * ids could be configured name their key this way.
	 * @param key the public key
	 * @return the id
	 */
	public static String defaultKeyId(PublicKey key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
			return "ed25519:" + HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * Checks a key id's form.
	 * @param keyId the id
	 * @return the id
	 * @throws IllegalArgumentException if it does not match {@link #KEY_ID}
	 */
	public static String checkKeyId(String keyId) {
		if (!KEY_ID.matcher(keyId).matches()) {
			throw new IllegalArgumentException(
					"A checkpoint key id is 1 to 64 of A-Z a-z 0-9 . _ : - " + "and starts with a letter or digit");
		}
		return keyId;
	}

	/**
	 * Returns whether a key id is trusted.
	 * @param keyId the id a checkpoint names
	 * @return whether a key of that id is trusted
	 */
	public boolean trusts(String keyId) {
		return this.keys.containsKey(keyId);
	}

	/**
	 * Returns the trusted key ids.
	 * @return the ids, in the order given
	 */
	public Set<String> keyIds() {
		return this.keys.keySet();
	}

	/**
	 * Returns whether no key is trusted.
	 * @return whether the set is empty
	 */
	public boolean isEmpty() {
		return this.keys.isEmpty();
	}

	/**
	 * Returns whether a signature is the named trusted key's over the payload's UTF-8
	 * bytes.
	 * @param keyId the id of the key the checkpoint names
	 * @param payload the signed text
	 * @param signatureBase64 the signature, base64
	 * @return whether it verifies (an untrusted key id or a malformed signature does not)
	 */
	public boolean verify(String keyId, String payload, String signatureBase64) {
		PublicKey key = this.keys.get(keyId);
		if (key == null) {
			return false;
		}
		try {
			Signature signature = Signature.getInstance("Ed25519");
			signature.initVerify(key);
			signature.update(payload.getBytes(StandardCharsets.UTF_8));
			return signature.verify(Base64.getDecoder().decode(signatureBase64));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		return "CheckpointSignatures" + this.keys.keySet();
	}

}
