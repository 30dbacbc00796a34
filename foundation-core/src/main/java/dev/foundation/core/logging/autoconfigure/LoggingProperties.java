package dev.foundation.core.logging.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.foundation.core.logging.MaskingDefaults;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the foundation's logback setup. Read before logging starts, by
 * {@link LoggingEnvironmentPostProcessor}; bound here as well so that it is validated and
 * documented.
 */
@ConfigurationProperties("foundation.logging")
public class LoggingProperties {

	/**
	 * Whether the foundation's logback configuration is used: JSON lines with the MDC
	 * ids, or a readable console in the 'local' and 'dev' profiles. Ignored when the
	 * application sets logging.config or ships its own logback(-spring).xml.
	 */
	private boolean enabled = true;

	private final Mask mask = new Mask();

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
		 * Names of JSON fields whose values are replaced by **** (structured arguments,
		 * markers, MDC). Replaces the default list; see the documentation for it.
		 */
		private List<String> fields = new ArrayList<>(MaskingDefaults.FIELDS);

		/**
		 * Regular expressions masked wherever they match inside any string value, the
		 * message included. Replaces the default list (e-mail addresses, E.164 phone
		 * numbers, JWTs, bearer credentials, the secret part of API keys).
		 */
		private List<String> patterns = new ArrayList<>(MaskingDefaults.PATTERNS);

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
