package dev.foundation.audit;

import java.util.Locale;

/**
 * How the audited action ended.
 */
public enum AuditOutcome {

	/** The action completed. */
	SUCCESS,

	/** The action failed (an exception, a rolled-back transaction). */
	FAILURE,

	/** The action was refused: authentication failed or access was denied. */
	DENIED;

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
	 * @return the outcome
	 */
	public static AuditOutcome ofCode(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
