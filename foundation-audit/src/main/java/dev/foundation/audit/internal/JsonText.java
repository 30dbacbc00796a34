package dev.foundation.audit.internal;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Writes the details object directly in its RFC 8785 (JCS) form (keys sorted by UTF-16
 * code units, strings escaped as section 3.2.2.2 prescribes, integers in plain decimal),
 * so recording an event needs no JSON parse, and refuses values whose canonical form an
 * outsider could not recompute exactly with common tools: non-integral or large numbers
 * (RFC 8785 formats numbers as IEEE doubles, jq too), keys outside a plain ASCII set (so
 * every tool sorts them alike) and NUL characters (PostgreSQL text cannot hold them).
 */
final class JsonText {

	/** The largest integer a double holds exactly: 2^53 - 1. */
	static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

	private static final int MAX_DEPTH = 8;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private JsonText() {
	}

	static void appendValue(StringBuilder out, String path, @Nullable Object value, int depth) {
		if (depth > MAX_DEPTH) {
			throw new IllegalArgumentException("Audit detail '" + path + "' nests deeper than " + MAX_DEPTH);
		}
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof CharSequence text) {
			appendString(out, path, text.toString());
		}
		else if (value instanceof Boolean bool) {
			out.append(bool.booleanValue());
		}
		else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			long number = ((Number) value).longValue();
			if (number > MAX_SAFE_INTEGER || number < -MAX_SAFE_INTEGER) {
				throw new IllegalArgumentException(
						"Audit detail '" + path + "' is outside ±(2^53 - 1); " + "store it as a string");
			}
			out.append(number);
		}
		else if (value instanceof Map<?, ?> map) {
			appendObject(out, path, map, depth);
		}
		else if (value instanceof Collection<?> list) {
			out.append('[');
			int i = 0;
			for (Object element : list) {
				if (i > 0) {
					out.append(',');
				}
				appendValue(out, path + "[" + i + "]", element, depth + 1);
				i++;
			}
			out.append(']');
		}
		else {
			throw new IllegalArgumentException("Audit detail '" + path + "' is a " + value.getClass().getName()
					+ "; details hold strings, booleans, integers, null, maps and lists");
		}
	}

	static void appendObject(StringBuilder out, String path, Map<?, ?> map, int depth) {
		// RFC 8785 3.2.3: members sorted by their names' UTF-16 code units, which is
		// String's natural order.
		TreeMap<String, @Nullable Object> sorted = new TreeMap<>();
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			if (!(entry.getKey() instanceof String key) || !KEY.matcher(key).matches()) {
				throw new IllegalArgumentException("Audit detail key '" + entry.getKey() + "' under '" + path
						+ "' is not 1 to 64 of A-Z a-z 0-9 _ . : -");
			}
			sorted.put(key, entry.getValue());
		}
		out.append('{');
		boolean first = true;
		for (Map.Entry<String, @Nullable Object> entry : sorted.entrySet()) {
			if (!first) {
				out.append(',');
			}
			first = false;
			String key = entry.getKey();
			appendString(out, path, key);
			out.append(':');
			appendValue(out, path.isEmpty() ? key : path + "." + key, entry.getValue(), depth + 1);
		}
		out.append('}');
	}

	/**
	 * Appends a JSON string escaped as RFC 8785 section 3.2.2.2 prescribes (ECMAScript's
	 * JSON.stringify): the two-character escapes where they exist, {@code \\u00xx} with
	 * lowercase hex for the other control characters, everything else as is.
	 */
	static void appendString(StringBuilder out, String path, String text) {
		if (text.indexOf(0) >= 0) {
			throw new IllegalArgumentException("Audit field '" + path + "' contains a NUL character");
		}
		appendEscaped(out, text);
	}

	/**
	 * Appends a JSON string escaped as {@link #appendString} does, accepting NUL
	 * characters (escaped like the other control characters): the canonical form of
	 * stored rows, where nothing is refused any more.
	 */
	static void appendEscaped(StringBuilder out, String text) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	static void appendNullable(StringBuilder out, String path, @Nullable String text) {
		if (text == null) {
			out.append("null");
		}
		else {
			appendString(out, path, text);
		}
	}

}
