package dev.foundation.crypto;

import java.text.Normalizer.Form;
import java.util.Locale;

/**
 * E-mail addresses: Unicode NFC, trimmed, lower-case (in the root locale, so a Turkish
 * default locale changes nothing). Does not strip {@code +tags} or dots: whether those
 * are the same mailbox is the provider's business.
 */
public final class EmailNormalizer implements Normalizer {

	@Override
	public String normalize(String value) {
		return java.text.Normalizer.normalize(value.strip(), Form.NFC).toLowerCase(Locale.ROOT);
	}

}
