package dev.foundation.core.ratelimit.web;

import java.util.Set;

import dev.foundation.core.ratelimit.RateLimitPolicy;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * A configured policy and the requests it applies to.
 *
 * @param policy the policy
 * @param pattern the paths (within the application) it applies to
 * @param methods the HTTP methods it applies to; empty for all
 */
public record RateLimitRule(RateLimitPolicy policy, PathPattern pattern, Set<String> methods) {

	public RateLimitRule {
		methods = Set.copyOf(methods);
	}

	boolean matches(String method, PathContainer path) {
		return (this.methods.isEmpty() || this.methods.contains(method)) && this.pattern.matches(path);
	}

}
