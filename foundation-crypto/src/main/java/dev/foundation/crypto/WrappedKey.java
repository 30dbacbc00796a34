package dev.foundation.crypto;

import java.util.Objects;

/**
 * A data key encrypted under a master key. Not secret, but not printed either: its
 * {@code toString()} shows only the master key's id and the length.
 *
 * @param masterKeyId the id of the master key that wrapped it
 * @param ciphertext the wrapped bytes, in the master keyring's own format
 */
public record WrappedKey(String masterKeyId, byte[] ciphertext) {

	public WrappedKey {
		Objects.requireNonNull(masterKeyId, "masterKeyId");
		Objects.requireNonNull(ciphertext, "ciphertext");
	}

	@Override
	public String toString() {
		return "WrappedKey[masterKeyId=" + this.masterKeyId + ", " + this.ciphertext.length + " bytes]";
	}

}
