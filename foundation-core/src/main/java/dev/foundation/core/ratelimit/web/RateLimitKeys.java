package dev.foundation.core.ratelimit.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.core.ratelimit.RateLimitKey;
import dev.foundation.core.ratelimit.RateLimitPolicy;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Derives a request's bucket key within a policy. The parts (tenant id, issuer and user,
 * API key id, client IP, route) are hashed: callers choose user ids and tenants' names
 * may be long, and neither belongs in a Redis key verbatim.
 */
final class RateLimitKeys {

	private RateLimitKeys() {
	}

	static String of(RateLimitPolicy policy, HttpServletRequest request) {
		RequestContext context = RequestContexts.find().orElse(null);
		StringBuilder parts = new StringBuilder();
		for (RateLimitKey key : policy.keys()) {
			parts.append(key.name()).append('=').append(part(key, request, context)).append('\n');
		}
		return digest(parts.toString());
	}

	private static String part(RateLimitKey key, HttpServletRequest request, @Nullable RequestContext context) {
		FoundationPrincipal principal = principal();
		String found = switch (key) {
			case TENANT -> (context != null) ? context.tenantId() : null;
			case USER -> (principal != null) ? principal.issuer() + "|" + principal.userId() : null;
			case API_KEY -> (principal != null) ? ((principal.provider() == AuthProvider.API_KEY) ? principal.userId()
					: principal.issuer() + "|" + principal.userId()) : null;
			case IP -> null;
			case ROUTE -> request.getMethod() + " " + route(request);
		};
		// Without the part asked for, the client's address keeps the request out of a
		// bucket every anonymous caller would share.
		return (found != null) ? found : "ip:" + clientIp(request, context);
	}

	private static @Nullable FoundationPrincipal principal() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof FoundationPrincipal principal)
				? principal : null;
	}

	private static String clientIp(HttpServletRequest request, @Nullable RequestContext context) {
		String ip = (context != null) ? context.clientIp() : null;
		return (ip != null) ? ip : String.valueOf(request.getRemoteAddr());
	}

	private static String route(HttpServletRequest request) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		return (pattern != null) ? pattern.toString() : request.getRequestURI();
	}

	private static String digest(String parts) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(parts.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
