package dev.foundation.audit;

/**
 * An event could not be recorded: the caller's event is not in the log (never
 * acknowledged), so the caller must treat its action as unaudited.
 */
public class AuditWriteException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what went wrong
	 * @param cause the cause, if any
	 */
	public AuditWriteException(String message, @org.jspecify.annotations.Nullable Throwable cause) {
		super(message, cause);
	}

}
