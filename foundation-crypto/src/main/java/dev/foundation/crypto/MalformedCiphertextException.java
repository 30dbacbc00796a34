package dev.foundation.crypto;

/**
 * The value is not a ciphertext this module can read: too short, not valid base64url,
 * without the text prefix, or with an unknown format version.
 */
public class MalformedCiphertextException extends DecryptionFailedException {

	/** Creates the exception. */
	public MalformedCiphertextException() {
		super("A stored value is not in a readable encrypted format; quote the correlation id when reporting it", null);
	}

}
