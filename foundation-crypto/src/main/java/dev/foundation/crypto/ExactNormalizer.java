package dev.foundation.crypto;

/** Keeps the value as it is: exact, case-sensitive matches. */
public final class ExactNormalizer implements Normalizer {

	@Override
	public String normalize(String value) {
		return value;
	}

}
