package dev.foundation.tenancy.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Slug rules: the format, and deriving a slug from a provider's organization slug or
 * name.
 */
final class Slugs {

	/**
	 * Why 63: a slug may be a subdomain, and a DNS label is at most 63 characters. Same
	 * check as the table's.
	 */
	static final Pattern FORMAT = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

	static final int MAX_LENGTH = 63;

	private static final String FALLBACK = "tenant";

	private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private Slugs() {
	}

	static boolean isValid(String slug) {
		return FORMAT.matcher(slug).matches();
	}

	/**
	 * Derives the base slug: lowercase ASCII letters and digits of the hint (accents
	 * dropped), other runs turned into single hyphens; the name if the hint yields
	 * nothing usable, {@value #FALLBACK} if neither does.
	 */
	static String base(@Nullable String hint, String name) {
		for (@Nullable
		String source : new String[] { hint, name }) {
			if (source == null) {
				continue;
			}
			String ascii = MARKS.matcher(Normalizer.normalize(source, Normalizer.Form.NFKD)).replaceAll("");
			String slug = trimHyphens(NOT_SLUG.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-"));
			slug = truncate(slug, MAX_LENGTH);
			if (isValid(slug)) {
				return slug;
			}
		}
		return FALLBACK;
	}

	/**
	 * The candidates, in order: the base, then {@code base-2}, {@code base-3}… up to
	 * {@code base-count}, the base shortened so that the suffix fits.
	 */
	static List<String> candidates(String base, int count) {
		List<String> candidates = new ArrayList<>(count);
		for (int n = 1; n <= count; n++) {
			candidates.add(suffixed(base, (n == 1) ? "" : "-" + n));
		}
		return candidates;
	}

	/**
	 * The base with a suffix, e.g. a random one when every numbered candidate is taken.
	 */
	static String suffixed(String base, String suffix) {
		String candidate = truncate(base, MAX_LENGTH - suffix.length()) + suffix;
		return isValid(candidate) ? candidate : FALLBACK + suffix;
	}

	private static String truncate(String value, int length) {
		return (value.length() <= length) ? value : trimHyphens(value.substring(0, length));
	}

	private static String trimHyphens(String value) {
		int start = 0;
		int end = value.length();
		while (start < end && value.charAt(start) == '-') {
			start++;
		}
		while (end > start && value.charAt(end - 1) == '-') {
			end--;
		}
		return value.substring(start, end);
	}

}
