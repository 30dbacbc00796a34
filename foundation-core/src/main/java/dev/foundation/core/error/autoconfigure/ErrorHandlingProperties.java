package dev.foundation.core.error.autoconfigure;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of problem+json error responses.
 */
@ConfigurationProperties("foundation.errors")
@Validated
public class ErrorHandlingProperties {

	/**
	 * Whether exceptions and error dispatches are answered with RFC 9457 problem details.
	 */
	private boolean enabled = true;

	/**
	 * Prefix of every problem type URI; the type's slug (e.g. not-found) is appended. Point it at your API's error
	 * documentation.
	 */
	@Pattern(regexp = "^([a-zA-Z][a-zA-Z0-9+.-]*:)\\S*[/:#]$",
			message = "must be an absolute URI ending with '/', ':' or '#', e.g. https://api.example.com/problems/")
	private String typeBaseUri = "https://foundation.dev/problems/";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getTypeBaseUri() {
		return this.typeBaseUri;
	}

	public void setTypeBaseUri(String typeBaseUri) {
		this.typeBaseUri = typeBaseUri;
	}

}
