package dev.foundation.core.auth.web;

import java.io.IOException;

import dev.foundation.core.error.ExternalServiceException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers a bearer token that could not be checked at all, because the issuer's keys could not be had (key set or
 * discovery document unreachable, with nothing cached), with {@code 503} and {@code Retry-After} as problem+json
 * ({@code external-service-failure}, naming the identity provider), rather than letting Spring Security rethrow it
 * into a {@code 500}. The client did nothing wrong and may retry; a {@code 401} would tell it to drop a good token.
 * Every other failure is a rejected credential and goes to the entry point ({@code 401}).
 */
public final class ProblemAuthenticationFailureHandler implements AuthenticationFailureHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemAuthenticationFailureHandler.class);

	/** How long clients are asked to wait: about one retry interval of an unreachable key set. */
	static final String RETRY_AFTER_SECONDS = "30";

	private final AuthenticationEntryPoint entryPoint;

	private final HandlerExceptionResolver resolver;

	/**
	 * Creates the handler.
	 * @param entryPoint answers rejected credentials
	 * @param resolver Spring MVC's exception resolver, which delegates to the foundation's controller advice
	 */
	public ProblemAuthenticationFailureHandler(AuthenticationEntryPoint entryPoint,
			HandlerExceptionResolver resolver) {
		this.entryPoint = entryPoint;
		this.resolver = resolver;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (!(exception instanceof AuthenticationServiceException)) {
			this.entryPoint.commence(request, response, exception);
			return;
		}
		logger.warn("A bearer token could not be checked: {}", exception.getMessage());
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		// The cause passed on is the decoder's, not the AuthenticationException: exception handlers also match
		// causes, and Spring Security's exceptions are passed through to Spring Security by the foundation's advice.
		Throwable cause = exception.getCause();
		ExternalServiceException unavailable = new ExternalServiceException("identity provider",
				HttpStatus.SERVICE_UNAVAILABLE, cause);
		if (this.resolver.resolveException(request, response, null, unavailable) == null) {
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		}
	}

}
