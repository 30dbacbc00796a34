package dev.foundation.core.error;

/**
 * One invalid input field, as listed in the {@code errors} member of a
 * {@code validation-failed} problem. The rejected value is deliberately not included: it
 * may be a secret or carry markup.
 *
 * @param field the field's path, e.g. {@code email} or {@code addresses[0].city}
 * @param message what is wrong, from the constraint's message
 * @param code the constraint's name, e.g. {@code NotBlank}, stable for clients
 */
public record FieldViolation(String field, String message, String code) {

}
