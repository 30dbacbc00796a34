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
	 * Prefix of every problem type URI; the type's slug (e.g. not-found) is appended.
	 * Point it at your API's error documentation.
	 */
	@Pattern(regexp = "^([a-zA-Z][a-zA-Z0-9+.-]*:)\\S*[/:#]$",
			message = "must be an absolute URI ending with '/', ':' or '#', e.g. https://api.example.com/problems/")
	private String typeBaseUri = "https://foundation.dev/problems/";

	/**
	 * Whether the errors Tomcat answers itself, before the application sees the request
	 * (a request line or header it cannot parse, a control character in a header, headers
	 * over server.max-http-request-header-size), are problem+json with a correlation id
	 * instead of Tomcat's HTML error page.
	 */
	private boolean renderContainerErrors = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isRenderContainerErrors() {
		return this.renderContainerErrors;
	}

	public void setRenderContainerErrors(boolean renderContainerErrors) {
		this.renderContainerErrors = renderContainerErrors;
	}

	public String getTypeBaseUri() {
		return this.typeBaseUri;
	}

	public void setTypeBaseUri(String typeBaseUri) {
		this.typeBaseUri = typeBaseUri;
	}

}
