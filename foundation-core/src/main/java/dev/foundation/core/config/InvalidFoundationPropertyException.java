package dev.foundation.core.config;

/**
 * Thrown at startup when a {@code foundation.*} property holds a value the foundation
 * cannot work with. Its failure analysis names the property, the reason and the fix
 * instead of a stack trace.
 */
public class InvalidFoundationPropertyException extends RuntimeException {

	private final String property;

	private final String action;

	/**
	 * Creates the exception.
	 * @param property the full property name, e.g.
	 * {@code foundation.context.trusted-proxies}
	 * @param reason why the value is wrong (must not contain secrets)
	 * @param action what to set instead
	 */
	public InvalidFoundationPropertyException(String property, String reason, String action) {
		super("Invalid value for '" + property + "': " + reason);
		this.property = property;
		this.action = action;
	}

	/**
	 * Creates the exception for a value the code that reads it rejected. The rejection is
	 * not kept as the cause: this exception stays the root cause that the failure
	 * analysis reports.
	 * @param property the full property name, e.g.
	 * {@code foundation.context.trusted-proxies}
	 * @param rejection the exception that rejected the value; its message is the reason
	 * (must not contain secrets)
	 * @param action what to set instead
	 */
	public InvalidFoundationPropertyException(String property, RuntimeException rejection, String action) {
		this(property, reason(rejection), action);
	}

	private static String reason(RuntimeException rejection) {
		// An exception without a message still gets a reason a reader can search for.
		String message = rejection.getMessage();
		return (message != null) ? message : rejection.getClass().getName();
	}

	/**
	 * Returns the property that holds the wrong value.
	 * @return the full property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Returns what to do about it.
	 * @return the suggested fix
	 */
	public String getAction() {
		return this.action;
	}

}
