package dev.foundation.core.auth.web;

import java.io.IOException;

import dev.foundation.core.auth.AuthEvents;
import dev.foundation.core.auth.AuthFailure;
import dev.foundation.core.auth.apikey.RejectedApiKeyException;
import dev.foundation.core.auth.jwt.RejectedTokenException;
import dev.foundation.core.error.UnauthorizedException;
import dev.foundation.core.error.web.ProblemResponseWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a missing or rejected credential with {@code 401}, a
 * {@code WWW-Authenticate: Bearer} challenge (RFC 6750) and a problem+json body carrying
 * the correlation id. Neither names why a token failed beyond {@code invalid_token}:
 * details help an attacker more than a client.
 */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final @Nullable ProblemResponseWriter problems;

	private final AuthEvents events;

	/**
	 * Creates the entry point.
	 * @param problems writes the problem; without one, the entry point answers with
	 * {@code sendError}
	 */
	public ProblemAuthenticationEntryPoint(@Nullable ProblemResponseWriter problems) {
		this(problems, AuthEvents.NONE);
	}

	/**
	 * Creates the entry point.
	 * @param problems writes the problem; without one, the entry point answers with
	 * {@code sendError}
	 * @param events told of each refusal, by category
	 */
	public ProblemAuthenticationEntryPoint(@Nullable ProblemResponseWriter problems, AuthEvents events) {
		this.problems = problems;
		this.events = events;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		this.events.authenticationFailed(failureOf(authException));
		boolean tokenPresented = authException instanceof InvalidBearerTokenException
				|| request.getHeader(HttpHeaders.AUTHORIZATION) != null;
		boolean apiKeyRejected = authException instanceof BadCredentialsException;
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				(tokenPresented && !apiKeyRejected)
						? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\""
						: "Bearer");
		String detail = apiKeyRejected ? "The API key is invalid, or was sent together with a bearer token"
				: tokenPresented ? "The access token is invalid or expired"
						: "This resource needs authentication: send a bearer token";
		if (this.problems != null) {
			this.problems.write(request, response, new UnauthorizedException(detail));
		}
		else {
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
		}
	}

	/**
	 * Returns the category of a refusal that ends in a 401.
	 * @param ex the refusal
	 * @return the category: the token's or key's, or {@link AuthFailure#MISSING} when
	 * neither was presented (or the {@code Authorization} header had another scheme)
	 */
	static AuthFailure failureOf(AuthenticationException ex) {
		if (ex instanceof InvalidBearerTokenException invalid) {
			return RejectedTokenException.failureOf(invalid);
		}
		if (ex instanceof RejectedApiKeyException rejected) {
			return rejected.failure();
		}
		if (ex instanceof BadCredentialsException) {
			return AuthFailure.API_KEY_UNKNOWN;
		}
		if (ex instanceof OAuth2AuthenticationException) {
			// Spring Security's bearer token resolver: "Bearer" with a malformed value,
			// or
			// several tokens.
			return AuthFailure.BEARER_MALFORMED;
		}
		return AuthFailure.MISSING;
	}

}
