package dev.foundation.core.context.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the request context.
 */
@ConfigurationProperties("foundation.context")
@Validated
public class RequestContextProperties {

	/**
	 * Whether every request gets a request context, a correlation id and MDC ids.
	 */
	private boolean enabled = true;

	/**
	 * Header that carries the correlation id, read from requests and written to responses
	 * and outbound calls.
	 */
	@NotBlank
	private String requestIdHeader = "X-Request-Id";

	/**
	 * Longest inbound correlation id accepted; longer ones are replaced by a generated
	 * id.
	 */
	@Min(8)
	@Max(256)
	private int maxRequestIdLength = 64;

	/**
	 * Addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is trusted, e.g.
	 * 10.0.0.0/8. Empty trusts no proxy: the client address is then the direct peer's.
	 */
	private List<String> trustedProxies = new ArrayList<>();

	/**
	 * Whether RestClient calls carry the current correlation id.
	 */
	private boolean propagateToOutboundCalls = true;

	/**
	 * Whether each completed request is logged on the 'dev.foundation.request' logger:
	 * method, path (without query string), status and duration, with the MDC ids.
	 */
	private boolean logRequests = true;

	/**
	 * Path patterns whose requests are logged only when they fail with a 5xx status, such
	 * as health probes that orchestrators call every few seconds. Relative to the context
	 * path; add the public health aliases here if they are moved.
	 */
	private List<String> quietPaths = new ArrayList<>(
			List.of("/actuator/health", "/actuator/health/**", "/api/v1/public/health", "/api/v1/public/health/**"));

	public List<String> getQuietPaths() {
		return this.quietPaths;
	}

	public void setQuietPaths(List<String> quietPaths) {
		this.quietPaths = quietPaths;
	}

	public boolean isLogRequests() {
		return this.logRequests;
	}

	public void setLogRequests(boolean logRequests) {
		this.logRequests = logRequests;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getRequestIdHeader() {
		return this.requestIdHeader;
	}

	public void setRequestIdHeader(String requestIdHeader) {
		this.requestIdHeader = requestIdHeader;
	}

	public int getMaxRequestIdLength() {
		return this.maxRequestIdLength;
	}

	public void setMaxRequestIdLength(int maxRequestIdLength) {
		this.maxRequestIdLength = maxRequestIdLength;
	}

	public List<String> getTrustedProxies() {
		return this.trustedProxies;
	}

	public void setTrustedProxies(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	public boolean isPropagateToOutboundCalls() {
		return this.propagateToOutboundCalls;
	}

	public void setPropagateToOutboundCalls(boolean propagateToOutboundCalls) {
		this.propagateToOutboundCalls = propagateToOutboundCalls;
	}

}
