package dev.foundation.audit;

import java.util.Locale;

/**
 * Who acted.
 */
public enum ActorKind {

	/** An authenticated user (a token's subject). */
	USER,

	/** An API key. */
	API_KEY,

	/** The application itself: a job, a listener, the foundation. */
	SYSTEM,

	/** Nobody known: a request that failed authentication. */
	ANONYMOUS;

	/**
	 * Returns the stored (and hashed) name.
	 * @return the lowercase name
	 */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Parses a stored name.
	 * @param code the lowercase name
	 * @return the kind
	 */
	public static ActorKind ofCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
