package dev.foundation.crypto.internal;

import java.nio.charset.StandardCharsets;

import dev.foundation.crypto.EncryptionContext;
import dev.foundation.crypto.FieldEncryptor;

/**
 * {@link FieldEncryptor} over the per-tenant data keys: AES-256-GCM under the active key
 * of the context's tenant, in the {@linkplain CiphertextFormat versioned format}.
 */
public final class EnvelopeFieldEncryptor implements FieldEncryptor {

	private final EnvelopeDataKeys keys;

	/**
	 * Creates the encryptor.
	 * @param keys the data keys
	 */
	public EnvelopeFieldEncryptor(EnvelopeDataKeys keys) {
		this.keys = keys;
	}

	@Override
	public byte[] encrypt(byte[] plaintext, EncryptionContext context) {
		DataKey key = this.keys.active(context.tenantId());
		byte[] out = new byte[plaintext.length + CiphertextFormat.OVERHEAD];
		CiphertextFormat.writeHeader(out, key.version());
		AesGcm.encrypt(key.aesKey(), plaintext, context.encoded(), out, CiphertextFormat.HEADER_LENGTH);
		return out;
	}

	@Override
	public byte[] decrypt(byte[] ciphertext, EncryptionContext context) {
		int version = CiphertextFormat.keyVersion(ciphertext);
		DataKey key = this.keys.version(context.tenantId(), version);
		return AesGcm.decrypt(key.aesKey(), ciphertext, CiphertextFormat.HEADER_LENGTH, context.encoded());
	}

	@Override
	public String encryptToString(String plaintext, EncryptionContext context) {
		return CiphertextFormat.toText(encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context));
	}

	@Override
	public String decryptString(String ciphertext, EncryptionContext context) {
		return new String(decrypt(CiphertextFormat.fromText(ciphertext), context), StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "EnvelopeFieldEncryptor[AES-256-GCM, format v1]";
	}

}
