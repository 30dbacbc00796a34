package dev.foundation.core.auth.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.ClassUtils;

/**
 * The requests for actuator endpoints, on the application's port or a separate management
 * port and under whatever base path is configured, through Boot's
 * {@code EndpointRequest}. The actuator is optional: its types are named only in
 * {@link Matcher}, loaded only when they are present.
 */
final class OperatorEndpoints {

	private static final boolean PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest",
			OperatorEndpoints.class.getClassLoader())
			&& ClassUtils.isPresent("org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints",
					OperatorEndpoints.class.getClassLoader());

	private OperatorEndpoints() {
	}

	/**
	 * A matcher for every actuator endpoint, or {@code null} without the actuator.
	 * @return the matcher
	 */
	static @Nullable RequestMatcher matcher() {
		return PRESENT ? Matcher.anyEndpoint() : null;
	}

	private static final class Matcher {

		static RequestMatcher anyEndpoint() {
			return org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest.toAnyEndpoint();
		}

	}

}
