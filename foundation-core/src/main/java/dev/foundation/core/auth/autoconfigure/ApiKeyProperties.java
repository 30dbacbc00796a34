package dev.foundation.core.auth.autoconfigure;

/**
 * API keys for service-to-service calls.
 */
public class ApiKeyProperties {

	/**
	 * Whether callers may authenticate with an API key instead of a bearer token.
	 */
	private boolean enabled;

	/**
	 * Request header carrying the API key.
	 */
	private String header = "X-API-Key";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getHeader() {
		return this.header;
	}

	public void setHeader(String header) {
		this.header = header;
	}

}
