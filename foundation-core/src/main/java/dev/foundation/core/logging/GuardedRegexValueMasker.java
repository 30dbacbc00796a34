package dev.foundation.core.logging;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.logstash.logback.mask.ValueMasker;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.TokenStreamContext;

/**
 * Masks what a regular expression matches in string values, but runs the expression only
 * on values containing a literal every match needs (an {@code @} for e-mail addresses,
 * {@code eyJ} for JWTs). Log events are mostly ids, logger and thread names in which
 * those literals never occur; scanning them with the full expression made masking the
 * most expensive part of writing a log line.
 */
final class GuardedRegexValueMasker implements ValueMasker {

	private final Pattern pattern;

	private final String mask;

	private final @Nullable String requiredLiteral;

	private final boolean ignoreCase;

	GuardedRegexValueMasker(Pattern pattern, String mask, @Nullable String requiredLiteral, boolean ignoreCase) {
		this.pattern = pattern;
		this.mask = mask;
		this.requiredLiteral = (requiredLiteral != null && ignoreCase) ? requiredLiteral.toLowerCase(Locale.ROOT)
				: requiredLiteral;
		this.ignoreCase = ignoreCase;
	}

	@Override
	public @Nullable Object mask(TokenStreamContext context, Object value) {
		if (!(value instanceof CharSequence text) || !mayMatch(text)) {
			return null;
		}
		Matcher matcher = this.pattern.matcher(text);
		return matcher.find() ? matcher.replaceAll(this.mask) : null;
	}

	private boolean mayMatch(CharSequence text) {
		String literal = this.requiredLiteral;
		if (literal == null) {
			return true;
		}
		String value = text.toString();
		return this.ignoreCase ? containsIgnoreCase(value, literal) : value.contains(literal);
	}

	// Without lower-casing a copy of every string value of every log line (the literal is
	// lower case already).
	private static boolean containsIgnoreCase(String value, String lowerCaseLiteral) {
		if (lowerCaseLiteral.isEmpty()) {
			return true;
		}
		int last = value.length() - lowerCaseLiteral.length();
		char first = lowerCaseLiteral.charAt(0);
		for (int i = 0; i <= last; i++) {
			char c = value.charAt(i);
			if ((c == first || Character.toLowerCase(c) == first)
					&& value.regionMatches(true, i, lowerCaseLiteral, 0, lowerCaseLiteral.length())) {
				return true;
			}
		}
		return false;
	}

}
