package dev.foundation.crypto;

/**
 * Brings equal values to one form before blind indexing (e.g. {@code " Ada@Example.COM"}
 * and {@code "ada@example.com"}). Implementations need a public no-argument constructor
 * to be named in {@link dev.foundation.crypto.jpa.BlindIndex}.
 */
@FunctionalInterface
public interface Normalizer {

	/**
	 * Normalizes a value.
	 * @param value the value as given
	 * @return the normalized form
	 */
	String normalize(String value);

}
