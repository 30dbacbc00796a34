package dev.foundation.crypto;

import java.util.Set;

/**
 * The key-encryption keys (master keys) that wrap the tenants' data keys: the SPI for
 * keeping them in properties, a PKCS#12 keystore, or an external KMS or Vault (see
 * {@code docs/crypto.md} for an adapter example). Master keys never encrypt PII
 * themselves.
 * <p>
 * One key is active and wraps new data keys; the others only unwrap. Implementations must
 * be thread-safe, must bind {@code associatedData} to the wrapped key (an AEAD or the
 * KMS's encryption context), and must never expose key material through
 * {@code toString()}, logs or exceptions.
 */
public interface MasterKeyring {

	/**
	 * Returns the id of the key that wraps new data keys.
	 * @return the active key's id
	 */
	String activeKeyId();

	/**
	 * Returns the ids of every key that can unwrap.
	 * @return the ids, including the active one
	 */
	Set<String> keyIds();

	/**
	 * Wraps a data key under the active master key.
	 * @param dataKey the data key's bytes (not retained)
	 * @param associatedData what the wrapped key is bound to (its scope and version)
	 * @return the wrapped key and the id of the key that wrapped it
	 */
	WrappedKey wrap(byte[] dataKey, byte[] associatedData);

	/**
	 * Unwraps a data key.
	 * @param wrapped the wrapped key, as {@link #wrap} returned it
	 * @param associatedData the same associated data as when wrapping
	 * @return the data key's bytes; the caller clears them after use
	 * @throws DecryptionFailedException if the key is unknown or the wrapped bytes do not
	 * authenticate
	 */
	byte[] unwrap(WrappedKey wrapped, byte[] associatedData);

}
