package dev.foundation.core.auth.apikey;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

import dev.foundation.core.auth.AuthEvents;
import dev.foundation.core.auth.AuthFailure;
import dev.foundation.core.auth.FoundationAuthentication;
import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.core.context.RequestContexts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates requests carrying an API key header.
 * <p>
 * A request without the header passes untouched (a bearer token or the authorization
 * rules decide). A request with it either authenticates as the key's
 * {@link FoundationPrincipal} or is answered by the entry point at once: a rejected key
 * never falls through to anonymous access.
 */
public final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	/**
	 * Why: every valid key has {@value ApiKeyFormat#LENGTH} characters; anything far
	 * longer is rejected before it costs a hash or a query.
	 */
	static final int MAX_HEADER_LENGTH = 256;

	private final String header;

	private final ApiKeyService apiKeys;

	private final AuthenticationEntryPoint entryPoint;

	private final AuthEvents events;

	private final SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	/**
	 * Keeps the context for error and async dispatches of the same request, as Spring's
	 * own filters do.
	 */
	private final SecurityContextRepository securityContextRepository = new RequestAttributeSecurityContextRepository();

	/**
	 * Creates the filter.
	 * @param header the header carrying the key
	 * @param apiKeys checks the key
	 * @param entryPoint answers a rejected key
	 */
	public ApiKeyAuthenticationFilter(String header, ApiKeyService apiKeys, AuthenticationEntryPoint entryPoint) {
		this(header, apiKeys, entryPoint, AuthEvents.NONE);
	}

	/**
	 * Creates the filter.
	 * @param header the header carrying the key
	 * @param apiKeys checks the key
	 * @param entryPoint answers a rejected key (and counts the refusal)
	 * @param events told of each authenticated key
	 */
	public ApiKeyAuthenticationFilter(String header, ApiKeyService apiKeys, AuthenticationEntryPoint entryPoint,
			AuthEvents events) {
		this.header = header;
		this.apiKeys = apiKeys;
		this.entryPoint = entryPoint;
		this.events = events;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = request.getHeader(this.header);
		if (presented == null || isAuthenticated()) {
			chain.doFilter(request, response);
			return;
		}
		// Two credentials would leave it to filter order which identity wins: refuse the
		// ambiguity.
		boolean ambiguous = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
		ApiKeyCheck check = ambiguous ? ApiKeyCheck.refused(AuthFailure.API_KEY_AMBIGUOUS)
				: (presented.length() > MAX_HEADER_LENGTH) ? ApiKeyCheck.refused(AuthFailure.API_KEY_MALFORMED)
						: this.apiKeys.check(presented);
		Optional<FoundationPrincipal> principal = check.authenticated();
		if (principal.isEmpty()) {
			this.securityContextHolderStrategy.clearContext();
			// Why no detail: whether a key is unknown, revoked or expired helps an
			// attacker more than a client. The category goes to the metrics only.
			this.entryPoint.commence(request, response,
					new RejectedApiKeyException(Objects.requireNonNull(check.failure())));
			return;
		}
		this.events.apiKeyAuthenticated();
		SecurityContext context = this.securityContextHolderStrategy.createEmptyContext();
		context.setAuthentication(new FoundationAuthentication(principal.get(), null));
		this.securityContextHolderStrategy.setContext(context);
		this.securityContextRepository.saveContext(context, request, response);
		String userId = principal.get().userId();
		RequestContexts.find()
			.ifPresent((requestContext) -> RequestContexts.replace(requestContext.withUserId(userId)));
		chain.doFilter(request, response);
	}

	private boolean isAuthenticated() {
		Authentication existing = this.securityContextHolderStrategy.getContext().getAuthentication();
		return existing != null && existing.isAuthenticated() && !(existing instanceof AnonymousAuthenticationToken);
	}

}
