package dev.foundation.crypto;

/**
 * The ciphertext names a key version its tenant does not have (e.g. copied from another
 * tenant, or forged). The key id itself is deliberately not part of the message.
 */
public class UnknownKeyException extends DecryptionFailedException {

	/** Creates the exception. */
	public UnknownKeyException() {
		super("A stored value was encrypted under a key that does not exist here; quote the correlation id when "
				+ "reporting it", null);
	}

}
