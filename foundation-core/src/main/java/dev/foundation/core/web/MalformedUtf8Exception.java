package dev.foundation.core.web;

import java.io.IOException;

/**
 * A request body is not well-formed UTF-8. Its message never quotes the offending bytes.
 */
public final class MalformedUtf8Exception extends IOException {

	private static final long serialVersionUID = 1L;

	private static final String MESSAGE = "The request body is not valid UTF-8";

	/**
	 * Creates the exception.
	 */
	public MalformedUtf8Exception() {
		super(MESSAGE);
	}

	/**
	 * Returns the message, which this exception always has.
	 * @return the message
	 */
	@Override
	public String getMessage() {
		return MESSAGE;
	}

}
