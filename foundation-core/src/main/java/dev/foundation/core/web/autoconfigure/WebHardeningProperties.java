package dev.foundation.core.web.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the web hardening: how JSON is read and written, and the headers every
 * response carries. Every switch is on by default.
 */
@ConfigurationProperties("foundation.web")
public class WebHardeningProperties {

	/**
	 * Whether the web hardening is applied at all; each part has its own switch below.
	 */
	private boolean enabled = true;

	/**
	 * Whether every response carries X-Content-Type-Options: nosniff, so that browsers
	 * never guess a type other than the declared one.
	 */
	private boolean nosniff = true;

	private final Json json = new Json();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isNosniff() {
		return this.nosniff;
	}

	public void setNosniff(boolean nosniff) {
		this.nosniff = nosniff;
	}

	public Json getJson() {
		return this.json;
	}

	/**
	 * How Spring MVC reads and writes JSON.
	 */
	public static class Json {

		/**
		 * Whether JSON responses (problem+json included) write <, >, & and ' (and U+2028,
		 * U+2029) as \u003C-style escapes, so that a value can never close a script block
		 * or open a tag. The data is unchanged: any JSON parser reads the same strings.
		 */
		private boolean htmlSafe = true;

		/**
		 * Whether request bodies must use the JSON type of each field: a number or
		 * boolean for a string field, a string for a number or boolean field, a number
		 * for a boolean field or a fraction for an integer field is a 400 instead of
		 * being converted.
		 */
		private boolean strictTypes = true;

		/**
		 * Whether JSON request bodies must be well-formed UTF-8: overlong forms, lone
		 * continuation bytes, truncated sequences and encoded surrogates are a 400 ("The
		 * request body is not valid UTF-8") instead of being decoded leniently.
		 */
		private boolean strictUtf8 = true;

		public boolean isHtmlSafe() {
			return this.htmlSafe;
		}

		public void setHtmlSafe(boolean htmlSafe) {
			this.htmlSafe = htmlSafe;
		}

		public boolean isStrictTypes() {
			return this.strictTypes;
		}

		public void setStrictTypes(boolean strictTypes) {
			this.strictTypes = strictTypes;
		}

		public boolean isStrictUtf8() {
			return this.strictUtf8;
		}

		public void setStrictUtf8(boolean strictUtf8) {
			this.strictUtf8 = strictUtf8;
		}

	}

}
