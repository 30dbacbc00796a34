package dev.foundation.crypto;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A stored value could not be decrypted: it was tampered with or truncated, was moved
 * from another tenant, table or column, or is not a ciphertext of this format. Nothing is
 * overwritten; the value stays as it is for investigation. Answers 500 at the HTTP edge:
 * the client did nothing wrong.
 */
public class DecryptionFailedException extends CryptoException {

	/** The problem type's slug. */
	public static final String TYPE = "decryption-failed";

	/**
	 * Creates the exception with the generic detail.
	 * @param cause the underlying failure, logged only
	 */
	public DecryptionFailedException(@Nullable Throwable cause) {
		this("A stored value could not be decrypted; quote the correlation id when reporting it", cause);
	}

	/**
	 * Creates the exception.
	 * @param detail the client-facing explanation (no ciphertext, no key id)
	 * @param cause the underlying failure, logged only
	 */
	protected DecryptionFailedException(String detail, @Nullable Throwable cause) {
		super(TYPE, HttpStatus.INTERNAL_SERVER_ERROR, "Decryption failed", detail, cause);
	}

}
