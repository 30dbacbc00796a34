package dev.foundation.core.auth.web;

import java.io.IOException;

import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.core.context.RequestContexts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs right after authentication: the request context (and with it the MDC's
 * {@code user_id}) gains the authenticated user, so every later log line, error and audit
 * event names them.
 * <p>
 * It runs on the request dispatch only: error and async dispatches bind the context the
 * request dispatch ended with, user included (see
 * {@link dev.foundation.core.context.RequestContextFilter}).
 */
public final class AuthenticatedUserContextFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof FoundationPrincipal principal) {
			RequestContexts.find()
				.ifPresent((context) -> RequestContexts.replace(context.withUserId(principal.userId())));
		}
		chain.doFilter(request, response);
	}

}
