package dev.foundation.core.auth.jwt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads a claim by a dotted path, e.g. {@code app_metadata.tenant_id}, from a token's
 * claims.
 */
final class ClaimPath {

	private ClaimPath() {
	}

	static @Nullable Object read(Map<String, Object> claims, @Nullable String path) {
		if (path == null || path.isBlank()) {
			return null;
		}
		Object current = claims;
		for (String segment : path.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(segment);
		}
		return current;
	}

	static @Nullable String readString(Map<String, Object> claims, @Nullable String path) {
		Object value = read(claims, path);
		return (value instanceof String text && !text.isBlank()) ? text
				: (value instanceof Number number) ? number.toString() : null;
	}

	/**
	 * Reads roles given as a list of strings, a single string or a space-separated
	 * string.
	 */
	static List<String> readStrings(Map<String, Object> claims, @Nullable String path) {
		Object value = read(claims, path);
		List<String> result = new ArrayList<>();
		if (value instanceof Collection<?> values) {
			values.forEach((item) -> {
				if (item instanceof String text && !text.isBlank()) {
					result.add(text);
				}
			});
		}
		else if (value instanceof String text) {
			for (String part : text.trim().split("\\s+")) {
				if (!part.isEmpty()) {
					result.add(part);
				}
			}
		}
		return result;
	}

}
