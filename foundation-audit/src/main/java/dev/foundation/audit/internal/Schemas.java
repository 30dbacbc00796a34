package dev.foundation.audit.internal;

import java.util.regex.Pattern;

/**
 * The schema name enters SQL text (identifiers cannot be bind parameters), so it is held
 * to the lowercase identifiers the foundation's schema property allows.
 */
final class Schemas {

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private Schemas() {
	}

	static String check(String schema) {
		if (!IDENTIFIER.matcher(schema).matches()) {
			throw new IllegalArgumentException("Not a plain lowercase SQL identifier: " + schema);
		}
		return schema;
	}

}
