package dev.foundation.tenancy.web;

import java.io.IOException;
import java.util.Optional;

import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.core.error.FoundationException;
import dev.foundation.core.error.web.ProblemResponseWriter;
import dev.foundation.tenancy.resolution.CurrentTenant;
import dev.foundation.tenancy.resolution.ResolvedTenant;
import dev.foundation.tenancy.resolution.TenantResolution;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves the tenant of each authenticated request, right after Spring Security's filter
 * chain: on success the request context (and the MDC's {@code tenant_id}) gains the
 * tenant, and {@link CurrentTenant} returns it and the caller's membership; a refusal is
 * answered with problem+json by the foundation's {@link ProblemResponseWriter}. Requests
 * without a {@link FoundationPrincipal} pass untouched: authorization decides whether
 * they may proceed at all.
 * <p>
 * On a path that does not need a tenant, a refused tenant is not an error: the request
 * continues without one, so tenant-owned data stays invisible to it.
 */
public final class TenantResolutionFilter extends OncePerRequestFilter {

	/**
	 * Just after Spring Security's filter chain (Boot's
	 * {@code SecurityFilterProperties.DEFAULT_FILTER_ORDER}).
	 */
	public static final int ORDER = -100 + 10;

	private static final Logger logger = LoggerFactory.getLogger(TenantResolutionFilter.class);

	private final TenantResolution resolution;

	private final @Nullable ProblemResponseWriter problems;

	/**
	 * Creates the filter.
	 * @param resolution decides the tenant
	 * @param problems what renders refusals as problem+json (the one writer of problems
	 * outside MVC); without one, refusals are answered with {@code sendError}
	 */
	public TenantResolutionFilter(TenantResolution resolution, @Nullable ProblemResponseWriter problems) {
		this.resolution = resolution;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof FoundationPrincipal principal)) {
			chain.doFilter(request, response);
			return;
		}
		ServletTenantRequest tenantRequest = new ServletTenantRequest(request);
		Optional<ResolvedTenant> resolved;
		try {
			resolved = this.resolution.resolve(tenantRequest, principal);
		}
		catch (FoundationException ex) {
			if (this.resolution.requiresTenant(tenantRequest.path())) {
				render(request, response, ex);
				return;
			}
			logger.debug("Continuing without a tenant on {}: {}", tenantRequest.path(), ex.getMessage());
			resolved = Optional.empty();
		}
		if (resolved.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		ResolvedTenant tenant = resolved.get();
		request.setAttribute(CurrentTenant.TENANT_ATTRIBUTE, tenant.tenant());
		request.setAttribute(CurrentTenant.MEMBERSHIP_ATTRIBUTE, tenant.membership());
		String tenantId = tenant.tenant().id().toString();
		Optional<RequestContext> context = RequestContexts.find();
		if (context.isPresent()) {
			// The request context filter's scope restores the previous context when the
			// request ends.
			RequestContexts.replace(context.get().withTenantId(tenantId));
			chain.doFilter(request, response);
			return;
		}
		try (RequestContexts.Scope scope = RequestContexts
			.bind(RequestContext.detached().withUserId(principal.userId()).withTenantId(tenantId))) {
			chain.doFilter(request, response);
		}
	}

	private void render(HttpServletRequest request, HttpServletResponse response, FoundationException ex)
			throws IOException {
		if (this.problems != null) {
			this.problems.write(request, response, ex);
		}
		else {
			response.sendError(ex.getStatus().value(), ex.getMessage());
		}
	}

}
