package dev.foundation.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * The Ed25519 key pair that signs checkpoints. Ed25519 rather than an HMAC so that
 * whoever holds an exported checkpoint can check it with the public key alone
 * ({@code openssl pkeyutl -verify -rawin}). The private key never leaves this class;
 * {@link #toString()} does not show it.
 */
public final class CheckpointKey {

	private final PrivateKey privateKey;

	private final PublicKey publicKey;

	private final String keyId;

	/**
	 * Reads the key pair; its key id is the default one
	 * ({@link CheckpointSignatures#defaultKeyId}).
	 * @param privateKeyPem the private key, PKCS#8 PEM (or its base64 body)
	 * @param publicKeyPem the public key, X.509 SubjectPublicKeyInfo PEM (or its base64
	 * body)
	 * @throws IllegalArgumentException if either is not an Ed25519 key, or they do not
	 * belong together
	 */
	public CheckpointKey(String privateKeyPem, String publicKeyPem) {
		this(privateKeyPem, publicKeyPem, null);
	}

	/**
	 * Reads the key pair.
	 * @param privateKeyPem the private key, PKCS#8 PEM (or its base64 body)
	 * @param publicKeyPem the public key, X.509 SubjectPublicKeyInfo PEM (or its base64
	 * body)
	 * @param keyId the id its checkpoints name ({@link CheckpointSignatures#KEY_ID});
	 * {@code null} for the default one
	 * @throws IllegalArgumentException if either is not an Ed25519 key, they do not
	 * belong together, or the id is malformed
	 */
	public CheckpointKey(String privateKeyPem, String publicKeyPem, @Nullable String keyId) {
		try {
			KeyFactory factory = KeyFactory.getInstance("Ed25519");
			this.privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(der(privateKeyPem)));
			this.publicKey = factory.generatePublic(new X509EncodedKeySpec(der(publicKeyPem)));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("Not an Ed25519 key pair (PKCS#8 private, X.509 public, PEM)", ex);
		}
		this.keyId = (keyId != null) ? CheckpointSignatures.checkKeyId(keyId)
				: CheckpointSignatures.defaultKeyId(this.publicKey);
		if (!verify("probe", sign("probe"))) {
			throw new IllegalArgumentException("The checkpoint private and public keys do not belong together");
		}
	}

	/**
	 * Returns the id the checkpoints this key signs name.
	 * @return the key id
	 */
	public String keyId() {
		return this.keyId;
	}

	/**
	 * Returns the public key (not secret: what checkpoints are verified with).
	 * @return the public key
	 */
	public PublicKey publicKey() {
		return this.publicKey;
	}

	String sign(String payload) {
		try {
			Signature signature = Signature.getInstance("Ed25519");
			signature.initSign(this.privateKey);
			signature.update(payload.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not sign a checkpoint", ex);
		}
	}

	boolean verify(String payload, String signatureBase64) {
		try {
			Signature signature = Signature.getInstance("Ed25519");
			signature.initVerify(this.publicKey);
			signature.update(payload.getBytes(StandardCharsets.UTF_8));
			return signature.verify(Base64.getDecoder().decode(signatureBase64));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	static byte[] der(String pem) {
		String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
		return Base64.getDecoder().decode(body);
	}

	@Override
	public String toString() {
		return "CheckpointKey[" + this.keyId + "]";
	}

}
