package dev.foundation.test;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A {@code jdbc:postgresql://authority/database?parameters} URL taken apart, so that the
 * same server can be addressed with another database name and credentials can be moved
 * out of the URL.
 */
record PostgresUrl(String authority, String database, Map<String, String> parameters) {

	private static final Pattern FORM = Pattern.compile("jdbc:postgresql://([^/?]+)(?:/([^?]*))?(?:\\?(.*))?");

	PostgresUrl {
		parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
	}

	static PostgresUrl parse(String jdbcUrl) {
		Matcher matcher = FORM.matcher(jdbcUrl.trim());
		if (!matcher.matches()) {
			String masked = jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1****");
			throw new IllegalArgumentException(
					"'" + masked + "' is not of the form jdbc:postgresql://host:port/database[?user=...&password=...]");
		}
		String database = (matcher.group(2) != null && !matcher.group(2).isEmpty()) ? matcher.group(2) : "postgres";
		Map<String, String> parameters = new LinkedHashMap<>();
		String query = matcher.group(3);
		if (query != null && !query.isEmpty()) {
			for (String pair : query.split("&")) {
				int equals = pair.indexOf('=');
				String key = (equals < 0) ? pair : pair.substring(0, equals);
				String value = (equals < 0) ? "" : pair.substring(equals + 1);
				parameters.put(decode(key), decode(value));
			}
		}
		return new PostgresUrl(matcher.group(1), database, parameters);
	}

	@Nullable String parameter(String name) {
		return this.parameters.get(name);
	}

	PostgresUrl withDatabase(String database) {
		return new PostgresUrl(this.authority, database, this.parameters);
	}

	/** This URL without its {@code user} and {@code password} parameters. */
	PostgresUrl withoutCredentials() {
		Map<String, String> rest = new LinkedHashMap<>(this.parameters);
		rest.remove("user");
		rest.remove("password");
		return new PostgresUrl(this.authority, this.database, rest);
	}

	@Override
	public String toString() {
		String url = "jdbc:postgresql://" + this.authority + "/" + this.database;
		if (this.parameters.isEmpty()) {
			return url;
		}
		return url + this.parameters.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&", "?", ""));
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
