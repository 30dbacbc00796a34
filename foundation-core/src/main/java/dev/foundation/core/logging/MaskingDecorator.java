package dev.foundation.core.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;

/**
 * logstash-logback-encoder's masking decorator, configured from the single strings
 * logback can pass: a comma-separated list of field names and a newline-separated list of
 * regular expressions (which may contain commas, e.g. {@code \d{7,14}}).
 */
public class MaskingDecorator extends MaskingJsonGeneratorDecorator {

	private static final String MASK = "****";

	/**
	 * Masks the values of these fields wherever they appear, and {@code name=value} in
	 * any string value.
	 * @param fieldNames comma-separated field names
	 */
	public void setFieldNames(String fieldNames) {
		List<String> names = new ArrayList<>();
		for (String field : fieldNames.split(",")) {
			if (!field.isBlank()) {
				addPath(field.trim());
				names.add(Pattern.quote(field.trim()));
			}
		}
		// StructuredArguments.kv("password", x) filling a {} placeholder also writes
		// "password=x" into the message:
		// mask the value (up to the next space or separator) there too, keeping the name.
		if (!names.isEmpty()) {
			addValueMasker(new GuardedRegexValueMasker(
					Pattern.compile("(?<=(?<![\\w.-])(?:" + String.join("|", names) + ")=)[^\\s,;&]+"), MASK, "=",
					false));
		}
	}

	/**
	 * Masks what these regular expressions match inside any string value.
	 * @param patterns newline-separated regular expressions
	 */
	public void setValuePatterns(String patterns) {
		for (String pattern : patterns.split("\n")) {
			if (!pattern.isBlank()) {
				String regex = pattern.trim();
				// The defaults are known to need a literal; an application's own patterns
				// always run.
				addValueMasker(new GuardedRegexValueMasker(Pattern.compile(regex), MASK,
						MaskingDefaults.requiredLiteralOf(regex), regex.startsWith("(?i)")));
			}
		}
	}

}
