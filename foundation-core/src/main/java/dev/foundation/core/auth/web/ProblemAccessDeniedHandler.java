package dev.foundation.core.auth.web;

import java.io.IOException;

import dev.foundation.core.error.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers an authenticated caller who lacks a permission with {@code 403} problem+json carrying the correlation id.
 */
public final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final HandlerExceptionResolver resolver;

	/**
	 * Creates the handler.
	 * @param resolver Spring MVC's exception resolver, which delegates to the foundation's controller advice
	 */
	public ProblemAccessDeniedHandler(HandlerExceptionResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		ForbiddenException forbidden = new ForbiddenException("You are not allowed to do this");
		if (this.resolver.resolveException(request, response, null, forbidden) == null) {
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
		}
	}

}
