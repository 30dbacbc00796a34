package dev.foundation.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Checks checkpoint signatures with the Ed25519 public key alone, as any holder of an
 * exported checkpoint can: what the verifier uses to trust a retention checkpoint before
 * starting a chain at it.
 */
public final class CheckpointSignatures {

	private final PublicKey publicKey;

	/**
	 * Reads the public key.
	 * @param publicKeyPem the X.509 SubjectPublicKeyInfo PEM (or its base64 body)
	 * @throws IllegalArgumentException if it is not an Ed25519 public key
	 */
	public CheckpointSignatures(String publicKeyPem) {
		try {
			this.publicKey = KeyFactory.getInstance("Ed25519")
				.generatePublic(new X509EncodedKeySpec(CheckpointKey.der(publicKeyPem)));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("Not an Ed25519 public key (X.509 PEM)", ex);
		}
	}

	/**
	 * Returns whether a signature is the key's over the payload's UTF-8 bytes.
	 * @param payload the signed text
	 * @param signatureBase64 the signature, base64
	 * @return whether it verifies (a malformed signature does not)
	 */
	public boolean verify(String payload, String signatureBase64) {
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

	@Override
	public String toString() {
		return "CheckpointSignatures[Ed25519]";
	}

}
