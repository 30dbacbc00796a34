package dev.foundation.core.auth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Cross-origin requests.
 */
public class CorsProperties {

	/**
	 * Origins allowed to call the API from a browser, e.g. https://app.example.com. Empty
	 * disables CORS.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/**
	 * Methods allowed in cross-origin requests.
	 */
	private List<String> allowedMethods = new ArrayList<>(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));

	/**
	 * Request headers allowed in cross-origin requests.
	 */
	private List<String> allowedHeaders = new ArrayList<>(
			List.of("Authorization", "Content-Type", "If-Match", "X-Request-Id", "X-Tenant-Id", "X-API-Key"));

	/**
	 * Response headers exposed to the browser.
	 */
	private List<String> exposedHeaders = new ArrayList<>(List.of("X-Request-Id", "ETag", "Location", "Retry-After"));

	/**
	 * Whether credentials (cookies, Authorization) may accompany cross-origin requests.
	 */
	private boolean allowCredentials;

	/**
	 * How long browsers may cache a preflight answer.
	 */
	private Duration maxAge = Duration.ofHours(1);

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	public List<String> getAllowedMethods() {
		return this.allowedMethods;
	}

	public void setAllowedMethods(List<String> allowedMethods) {
		this.allowedMethods = allowedMethods;
	}

	public List<String> getAllowedHeaders() {
		return this.allowedHeaders;
	}

	public void setAllowedHeaders(List<String> allowedHeaders) {
		this.allowedHeaders = allowedHeaders;
	}

	public List<String> getExposedHeaders() {
		return this.exposedHeaders;
	}

	public void setExposedHeaders(List<String> exposedHeaders) {
		this.exposedHeaders = exposedHeaders;
	}

	public boolean isAllowCredentials() {
		return this.allowCredentials;
	}

	public void setAllowCredentials(boolean allowCredentials) {
		this.allowCredentials = allowCredentials;
	}

	public Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(Duration maxAge) {
		this.maxAge = maxAge;
	}

}
