package dev.foundation.core.auth.web;

import java.io.IOException;

import dev.foundation.core.error.ForbiddenException;
import dev.foundation.core.error.web.ProblemResponseWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers an authenticated caller who lacks a permission with {@code 403} problem+json
 * carrying the correlation id.
 */
public final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final @Nullable ProblemResponseWriter problems;

	/**
	 * Creates the handler.
	 * @param problems writes the problem; without one, the handler answers with
	 * {@code sendError}
	 */
	public ProblemAccessDeniedHandler(@Nullable ProblemResponseWriter problems) {
		this.problems = problems;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		ForbiddenException forbidden = new ForbiddenException("You are not allowed to do this");
		if (this.problems != null) {
			this.problems.write(request, response, forbidden);
		}
		else {
			response.sendError(HttpServletResponse.SC_FORBIDDEN);
		}
	}

}
