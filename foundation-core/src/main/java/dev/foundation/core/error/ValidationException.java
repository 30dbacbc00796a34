package dev.foundation.core.error;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * The input failed validation that bean validation could not express (400); lists the
 * offending fields.
 */
public class ValidationException extends FoundationException {

	private final List<FieldViolation> violations;

	/**
	 * Creates the exception.
	 * @param detail the explanation shown to the client
	 * @param violations the invalid fields
	 */
	public ValidationException(String detail, List<FieldViolation> violations) {
		super(ProblemTypes.VALIDATION_FAILED, HttpStatus.BAD_REQUEST, "Validation failed", detail, null);
		this.violations = List.copyOf(violations);
	}

	/**
	 * Creates the exception for a single field.
	 * @param field the field's path
	 * @param message what is wrong
	 */
	public ValidationException(String field, String message) {
		this("The request has invalid fields", List.of(new FieldViolation(field, message, "Invalid")));
	}

	/**
	 * Returns the invalid fields.
	 * @return the violations
	 */
	public List<FieldViolation> getViolations() {
		return this.violations;
	}

}
