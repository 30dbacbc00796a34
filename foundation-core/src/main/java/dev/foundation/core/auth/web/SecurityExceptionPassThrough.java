package dev.foundation.core.auth.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Hands Spring Security's exceptions thrown inside a controller (a {@code @PreAuthorize}
 * denial, a missing authentication) back to Spring Security: rethrown, they reach its
 * {@code ExceptionTranslationFilter}, which answers {@code 403} through
 * {@link ProblemAccessDeniedHandler} (or {@code 401} through
 * {@link ProblemAuthenticationEntryPoint}) instead of the foundation's catch-all
 * exception handler turning them into a {@code 500}. Ordered just before that handler, so
 * an application's own advice with an explicit order still wins.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
public final class SecurityExceptionPassThrough {

	/**
	 * Rethrows the exception unchanged, which Spring MVC takes as "not handled here".
	 * @param ex the security exception
	 */
	@ExceptionHandler({ AccessDeniedException.class, AuthenticationException.class })
	public void rethrow(RuntimeException ex) {
		throw ex;
	}

}
