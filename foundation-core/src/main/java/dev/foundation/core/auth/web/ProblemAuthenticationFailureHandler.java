package dev.foundation.core.auth.web;

import java.io.IOException;

import dev.foundation.core.auth.AuthEvents;
import dev.foundation.core.auth.AuthFailure;
import dev.foundation.core.error.ExternalServiceException;
import dev.foundation.core.error.web.ProblemResponseWriter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Answers a bearer token that could not be checked at all, because the issuer's keys
 * could not be had (key set or discovery document unreachable, with nothing cached), with
 * {@code 503} and {@code Retry-After} as problem+json ({@code external-service-failure},
 * naming the identity provider), rather than letting Spring Security rethrow it into a
 * {@code 500}. The client did nothing wrong and may retry; a {@code 401} would tell it to
 * drop a good token. Every other failure is a rejected credential and goes to the entry
 * point ({@code 401}).
 */
public final class ProblemAuthenticationFailureHandler implements AuthenticationFailureHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemAuthenticationFailureHandler.class);

	/**
	 * How long clients are asked to wait: about one retry interval of an unreachable key
	 * set.
	 */
	static final String RETRY_AFTER_SECONDS = "30";

	private final AuthenticationEntryPoint entryPoint;

	private final @Nullable ProblemResponseWriter problems;

	private final AuthEvents events;

	/**
	 * Creates the handler.
	 * @param entryPoint answers rejected credentials
	 * @param problems writes the problem; without one, the handler answers with
	 * {@code sendError}
	 */
	public ProblemAuthenticationFailureHandler(AuthenticationEntryPoint entryPoint,
			@Nullable ProblemResponseWriter problems) {
		this(entryPoint, problems, AuthEvents.NONE);
	}

	/**
	 * Creates the handler.
	 * @param entryPoint answers (and counts) rejected credentials
	 * @param problems writes the problem; without one, the handler answers with
	 * {@code sendError}
	 * @param events told of each token that could not be checked
	 */
	public ProblemAuthenticationFailureHandler(AuthenticationEntryPoint entryPoint,
			@Nullable ProblemResponseWriter problems, AuthEvents events) {
		this.entryPoint = entryPoint;
		this.problems = problems;
		this.events = events;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (!(exception instanceof AuthenticationServiceException)) {
			this.entryPoint.commence(request, response, exception);
			return;
		}
		logger.warn("A bearer token could not be checked: {}", exception.getMessage());
		this.events.authenticationFailed(AuthFailure.BEARER_KEYS_UNAVAILABLE);
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		ExternalServiceException unavailable = new ExternalServiceException("identity provider",
				HttpStatus.SERVICE_UNAVAILABLE, exception.getCause());
		if (this.problems != null) {
			this.problems.write(request, response, unavailable);
		}
		else {
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		}
	}

}
