package dev.foundation.core.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the foundation's logback setup. Read before logging starts, by
 * {@link LoggingEnvironmentPostProcessor}; bound here as well so that it is validated and documented.
 */
@ConfigurationProperties("foundation.logging")
public class LoggingProperties {

	/** Field names masked by default, wherever they appear in a JSON log event. */
	public static final List<String> DEFAULT_MASKED_FIELDS = List.of("password", "passwd", "secret", "client_secret",
			"token", "access_token", "refresh_token", "id_token", "authorization", "Authorization", "cookie", "Cookie",
			"set-cookie", "api_key", "apiKey", "x-api-key", "X-API-Key", "email", "phone", "phone_number");

	private static final String EMAIL = "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}";

	private static final String PHONE = "\\+[1-9][0-9]{7,14}";

	private static final String JWT = "eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*";

	private static final String BEARER = "(?i)bearer\\s+[A-Za-z0-9._~+/=-]+";

	/** Value patterns masked by default: e-mail addresses, E.164 phone numbers, JWTs and bearer credentials. */
	public static final List<String> DEFAULT_MASKED_PATTERNS = List.of(EMAIL, PHONE, JWT, BEARER);

	// A literal every match of a default pattern contains; values without it are not scanned.
	private static final Map<String, String> REQUIRED_LITERALS = Map.of(EMAIL, "@", PHONE, "+", JWT, "eyJ", BEARER,
			"bearer");

	/**
	 * Whether the foundation's logback configuration is used: JSON lines with the MDC ids, or a readable console in
	 * the 'local' and 'dev' profiles. Ignored when the application sets logging.config or ships its own
	 * logback(-spring).xml.
	 */
	private boolean enabled = true;

	private final Mask mask = new Mask();

	static @Nullable String requiredLiteralOf(String pattern) {
		return REQUIRED_LITERALS.get(pattern);
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Mask getMask() {
		return this.mask;
	}

	/**
	 * Masking of sensitive data in JSON log lines.
	 */
	public static class Mask {

		/**
		 * Names of JSON fields whose values are replaced by **** (structured arguments, markers, MDC). Replaces the
		 * default list; see the documentation for it.
		 */
		private List<String> fields = new ArrayList<>(DEFAULT_MASKED_FIELDS);

		/**
		 * Regular expressions masked wherever they match inside any string value, the message included. Replaces
		 * the default list (e-mail addresses, E.164 phone numbers, JWTs, bearer credentials).
		 */
		private List<String> patterns = new ArrayList<>(DEFAULT_MASKED_PATTERNS);

		/**
		 * Additional field names masked on top of 'fields'.
		 */
		private List<String> additionalFields = new ArrayList<>();

		/**
		 * Additional regular expressions masked on top of 'patterns'.
		 */
		private List<String> additionalPatterns = new ArrayList<>();

		public List<String> getFields() {
			return this.fields;
		}

		public void setFields(List<String> fields) {
			this.fields = fields;
		}

		public List<String> getPatterns() {
			return this.patterns;
		}

		public void setPatterns(List<String> patterns) {
			this.patterns = patterns;
		}

		public List<String> getAdditionalFields() {
			return this.additionalFields;
		}

		public void setAdditionalFields(List<String> additionalFields) {
			this.additionalFields = additionalFields;
		}

		public List<String> getAdditionalPatterns() {
			return this.additionalPatterns;
		}

		public void setAdditionalPatterns(List<String> additionalPatterns) {
			this.additionalPatterns = additionalPatterns;
		}

	}

}
