package dev.foundation.crypto;

/**
 * Encrypts and decrypts single values (fields) with AES-256-GCM under the data key of the
 * context's tenant.
 * <p>
 * <strong>Guaranteed:</strong> confidentiality and integrity of the plaintext; each
 * ciphertext is bound to its {@link EncryptionContext} (tenant, table, column), so a
 * ciphertext moved to another tenant's row or another column fails to decrypt; every
 * encryption uses a fresh random 96-bit nonce, so equal plaintexts give different
 * ciphertexts; every ciphertext names the version of the key that made it, so keys can
 * rotate while old values stay readable.
 * <p>
 * <strong>Not guaranteed:</strong> the plaintext's length is not hidden (the ciphertext
 * is exactly 33 bytes longer); a ciphertext can be replaced by an <em>older</em>
 * ciphertext of the same tenant, table and column (no protection against rollback of a
 * whole value); nothing here hides who reads or writes when.
 * <p>
 * There are no knobs: mode, nonce size and tag size are fixed by the format (see
 * {@code docs/crypto.md}). Failures are {@link CryptoException}s that never contain key
 * material, key ids or ciphertext.
 */
public interface FieldEncryptor {

	/**
	 * Encrypts a value in the binary format (for {@code bytea} columns).
	 * @param plaintext the value, may be empty
	 * @param context where the value is stored
	 * @return the ciphertext, 33 bytes longer than the plaintext
	 * @throws KeyDestroyedException if the tenant's keys were shredded
	 */
	byte[] encrypt(byte[] plaintext, EncryptionContext context);

	/**
	 * Decrypts a value made by {@link #encrypt(byte[], EncryptionContext)} for the same
	 * context.
	 * @param ciphertext the ciphertext
	 * @param context where the value is stored
	 * @return the plaintext
	 * @throws DecryptionFailedException if the ciphertext is malformed, was tampered
	 * with, belongs to another context or names an unknown key
	 * @throws KeyDestroyedException if the key that made it was shredded
	 */
	byte[] decrypt(byte[] ciphertext, EncryptionContext context);

	/**
	 * Encrypts a string (UTF-8) in the text format (for {@code text}/{@code varchar}
	 * columns).
	 * @param plaintext the value, may be empty
	 * @param context where the value is stored
	 * @return {@code fe1.} followed by the binary format in unpadded base64url
	 */
	String encryptToString(String plaintext, EncryptionContext context);

	/**
	 * Decrypts a string made by {@link #encryptToString(String, EncryptionContext)}.
	 * @param ciphertext the text ciphertext
	 * @param context where the value is stored
	 * @return the plaintext
	 * @throws DecryptionFailedException as {@link #decrypt(byte[], EncryptionContext)}
	 */
	String decryptString(String ciphertext, EncryptionContext context);

}
