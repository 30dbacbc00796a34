package dev.foundation.crypto;

import org.springframework.http.HttpStatus;

/**
 * The tenant's data keys were destroyed (crypto-shredding): its encrypted values are
 * permanently unreadable and nothing new is encrypted for it. Answers 410 Gone at the
 * HTTP edge.
 */
public class KeyDestroyedException extends CryptoException {

	/** The problem type's slug. */
	public static final String TYPE = "data-erased";

	/** Creates the exception. */
	public KeyDestroyedException() {
		super(TYPE, HttpStatus.GONE, "Data erased",
				"This data was erased on request and can no longer be read or written", null);
	}

}
