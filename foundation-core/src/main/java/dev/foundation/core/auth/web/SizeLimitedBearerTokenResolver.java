package dev.foundation.core.auth.web;

import dev.foundation.core.auth.AuthFailure;
import dev.foundation.core.auth.jwt.RejectedTokenException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's bearer token resolution (header only, RFC 6750 syntax), rejecting
 * oversized tokens before they are parsed.
 */
public final class SizeLimitedBearerTokenResolver implements BearerTokenResolver {

	private final DefaultBearerTokenResolver delegate = new DefaultBearerTokenResolver();

	private final int maxLength;

	/**
	 * Creates the resolver.
	 * @param maxLength the longest token accepted, in characters
	 */
	public SizeLimitedBearerTokenResolver(int maxLength) {
		this.maxLength = maxLength;
	}

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		if (authorization != null && authorization.length() > this.maxLength + 7) {
			throw new RejectedTokenException(AuthFailure.BEARER_MALFORMED, "The bearer token is too large");
		}
		return this.delegate.resolve(request);
	}

}
