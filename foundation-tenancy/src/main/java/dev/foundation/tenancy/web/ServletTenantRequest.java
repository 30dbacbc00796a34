package dev.foundation.tenancy.web;

import dev.foundation.tenancy.resolution.TenantRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * A servlet request as resolvers see it.
 */
final class ServletTenantRequest implements TenantRequest {

	private final HttpServletRequest request;

	ServletTenantRequest(HttpServletRequest request) {
		this.request = request;
	}

	@Override
	public @Nullable String header(String name) {
		return this.request.getHeader(name);
	}

	@Override
	public @Nullable String parameter(String name) {
		return this.request.getParameter(name);
	}

	@Override
	public String host() {
		// getServerName honours Forwarded/X-Forwarded-Host only where
		// ForwardedHeaderFilter or the server's
		// remote-IP valve (server.forward-headers-strategy) trusts them.
		return this.request.getServerName();
	}

	@Override
	public String path() {
		String uri = this.request.getRequestURI();
		String contextPath = this.request.getContextPath();
		return (!contextPath.isEmpty() && uri.startsWith(contextPath)) ? uri.substring(contextPath.length()) : uri;
	}

}
