package dev.foundation.crypto;

/**
 * Phone numbers to E.164: spaces, hyphens, dots, slashes and parentheses are dropped and
 * a leading {@code 00} becomes {@code +} ({@code "+49 (151) 123-45"} and
 * {@code "0049151 12345"} both give {@code "+4915112345"}). Numbers without a country
 * code are kept as they are: guessing the country would make two different numbers equal.
 */
public final class PhoneNormalizer implements Normalizer {

	@Override
	public String normalize(String value) {
		StringBuilder digits = new StringBuilder(value.length());
		String stripped = value.strip();
		for (int i = 0; i < stripped.length(); i++) {
			char c = stripped.charAt(i);
			if ((c >= '0' && c <= '9') || (c == '+' && digits.length() == 0)) {
				digits.append(c);
			}
			else if (" -./()\u00a0".indexOf(c) < 0) {
				// Not a phone number: leave it for an exact match.
				return stripped;
			}
		}
		if (digits.length() > 2 && digits.charAt(0) == '0' && digits.charAt(1) == '0') {
			digits.replace(0, 2, "+");
		}
		return digits.toString();
	}

}
