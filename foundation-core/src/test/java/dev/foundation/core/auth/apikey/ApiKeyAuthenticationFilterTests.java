package dev.foundation.core.auth.apikey;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.FoundationAuthentication;
import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.AuthenticationEntryPoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API key filter with an in-memory {@link ApiKeyService}: its collaborator, not a
 * database.
 */
class ApiKeyAuthenticationFilterTests {

	private static final String HEADER = "X-API-Key";

	private static final String VALID_KEY = "fdn_abcdefgh_" + "A".repeat(43);

	private static final FoundationPrincipal KEY_PRINCIPAL = new FoundationPrincipal("apikey:" + UUID.randomUUID(),
			AuthProvider.API_KEY, "foundation-api-key", null, "tenant-1", Set.of("billing", "reader"), null,
			Map.of("api_key_name", "billing-sync"));

	private final InMemoryApiKeys apiKeys = new InMemoryApiKeys();

	private final RecordingEntryPoint entryPoint = new RecordingEntryPoint();

	private final ApiKeyAuthenticationFilter filter = new ApiKeyAuthenticationFilter(HEADER, this.apiKeys,
			this.entryPoint);

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/invoices");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final AtomicReference<@Nullable Authentication> seenAuthentication = new AtomicReference<>();

	private final AtomicReference<@Nullable RequestContext> seenContext = new AtomicReference<>();

	private final MockFilterChain chain = new MockFilterChain(new HttpServlet() {

		@Override
		protected void service(HttpServletRequest request, HttpServletResponse response) {
			ApiKeyAuthenticationFilterTests.this.seenAuthentication
				.set(SecurityContextHolder.getContext().getAuthentication());
			ApiKeyAuthenticationFilterTests.this.seenContext.set(RequestContexts.find().orElse(null));
		}

	});

	@AfterEach
	void clearThread() {
		SecurityContextHolder.clearContext();
		MDC.clear();
	}

	@Test
	void requestWithoutHeaderContinuesUnauthenticated() throws Exception {
		this.filter.doFilter(this.request, this.response, this.chain);

		assertThat(this.chain.getRequest()).isSameAs(this.request);
		assertThat(this.seenAuthentication.get()).isNull();
		assertThat(this.apiKeys.presented).isEmpty();
		assertThat(this.entryPoint.exceptions).isEmpty();
	}

	@Test
	void validKeyAuthenticatesAsApiKeyPrincipal() throws Exception {
		this.request.addHeader(HEADER, VALID_KEY);

		this.filter.doFilter(this.request, this.response, this.chain);

		assertThat(this.chain.getRequest()).isSameAs(this.request);
		assertThat(this.seenAuthentication.get()).isInstanceOfSatisfying(FoundationAuthentication.class, (auth) -> {
			assertThat(auth.isAuthenticated()).isTrue();
			assertThat(auth.getPrincipal().provider()).isEqualTo(AuthProvider.API_KEY);
			assertThat(auth.getPrincipal()).isEqualTo(KEY_PRINCIPAL);
			assertThat(auth.getAuthorities()).extracting(GrantedAuthority::getAuthority)
				.containsExactlyInAnyOrder("ROLE_billing", "ROLE_reader");
			assertThat(auth.getCredentials()).as("the raw key is never kept as credentials").isNull();
		});
		assertThat(this.entryPoint.exceptions).isEmpty();
		assertThat(this.response.getStatus()).isEqualTo(200);
	}

	@Test
	void validKeyNamesTheUserInTheRequestContext() throws Exception {
		this.request.addHeader(HEADER, VALID_KEY);

		try (RequestContexts.Scope scope = RequestContexts.bind(RequestContext.detached())) {
			this.filter.doFilter(this.request, this.response, this.chain);
			assertThat(MDC.get(RequestContexts.MDC_USER_ID)).isEqualTo(KEY_PRINCIPAL.userId());
		}

		assertThat(this.seenContext.get()).isNotNull()
			.extracting(RequestContext::userId)
			.isEqualTo(KEY_PRINCIPAL.userId());
	}

	@Test
	void invalidKeyIsAnsweredByEntryPointAndStopsTheChain() throws Exception {
		this.request.addHeader(HEADER, "fdn_abcdefgh_" + "B".repeat(43));

		this.filter.doFilter(this.request, this.response, this.chain);

		assertThat(this.chain.getRequest()).as("chain continued").isNull();
		assertThat(this.entryPoint.exceptions).singleElement()
			.isInstanceOf(BadCredentialsException.class)
			.extracting(Throwable::getMessage)
			.isEqualTo("Invalid API key");
		assertThat(this.response.getStatus()).isEqualTo(401);
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
	}

	@Test
	void validKeyTogetherWithABearerTokenIsRejectedAsAmbiguous() throws Exception {
		this.request.addHeader(HEADER, VALID_KEY);
		this.request.addHeader("Authorization", "Bearer eyJhbGciOiJub25lIn0.e30.");

		this.filter.doFilter(this.request, this.response, this.chain);

		assertThat(this.chain.getRequest()).as("chain continued").isNull();
		assertThat(this.apiKeys.presented).isEmpty();
		assertThat(this.entryPoint.exceptions).singleElement().isInstanceOf(BadCredentialsException.class);
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
	}

	@Test
	void emptyHeaderIsRejected() throws Exception {
		this.request.addHeader(HEADER, "");

		this.filter.doFilter(this.request, this.response, this.chain);

		assertThat(this.chain.getRequest()).isNull();
		assertThat(this.entryPoint.exceptions).hasSize(1);
	}

	@Test
	void overLongHeaderIsRejectedWithoutAskingTheService() throws Exception {
		this.request.addHeader(HEADER, VALID_KEY + "x".repeat(ApiKeyAuthenticationFilter.MAX_HEADER_LENGTH));

		this.filter.doFilter(this.request, this.response, this.chain);

		assertThat(this.apiKeys.presented).isEmpty();
		assertThat(this.chain.getRequest()).isNull();
		assertThat(this.entryPoint.exceptions).hasSize(1);
	}

	@Test
	void invalidKeyClearsAnyLeftoverContext() throws Exception {
		SecurityContextHolder.setContext(new SecurityContextImpl());
		this.request.addHeader(HEADER, "not-a-key");

		this.filter.doFilter(this.request, this.response, this.chain);

		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
		assertThat(this.entryPoint.exceptions).hasSize(1);
	}

	@Test
	void alreadyAuthenticatedRequestIsLeftAlone() throws Exception {
		TestingAuthenticationToken existing = new TestingAuthenticationToken("user", null, "ROLE_user");
		SecurityContextHolder.setContext(new SecurityContextImpl(existing));
		this.request.addHeader(HEADER, "not-a-key");

		this.filter.doFilter(this.request, this.response, this.chain);

		assertThat(this.apiKeys.presented).isEmpty();
		assertThat(this.seenAuthentication.get()).isSameAs(existing);
		assertThat(this.entryPoint.exceptions).isEmpty();
	}

	@Test
	void readsTheConfiguredHeader() throws Exception {
		ApiKeyAuthenticationFilter custom = new ApiKeyAuthenticationFilter("X-Service-Key", this.apiKeys,
				this.entryPoint);
		this.request.addHeader(HEADER, "ignored");
		this.request.addHeader("X-Service-Key", VALID_KEY);

		custom.doFilter(this.request, this.response, this.chain);

		assertThat(this.apiKeys.presented).containsExactly(VALID_KEY);
		assertThat(this.seenAuthentication.get()).isInstanceOf(FoundationAuthentication.class);
	}

	/** Knows one key. */
	private static final class InMemoryApiKeys implements ApiKeyService {

		private final List<String> presented = new ArrayList<>();

		@Override
		public IssuedApiKey issue(String name, @Nullable String tenantId, Set<String> roles,
				@Nullable Instant expiresAt) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Optional<FoundationPrincipal> authenticate(String presentedKey) {
			this.presented.add(presentedKey);
			return VALID_KEY.equals(presentedKey) ? Optional.of(KEY_PRINCIPAL) : Optional.empty();
		}

		@Override
		public boolean revoke(@Nullable String tenantId, UUID id) {
			throw new UnsupportedOperationException();
		}

		@Override
		public List<ApiKey> list(@Nullable String tenantId) {
			throw new UnsupportedOperationException();
		}

	}

	/** Answers 401 and remembers why. */
	private static final class RecordingEntryPoint implements AuthenticationEntryPoint {

		private final List<AuthenticationException> exceptions = new ArrayList<>();

		@Override
		public void commence(HttpServletRequest request, HttpServletResponse response,
				AuthenticationException authException) throws IOException {
			this.exceptions.add(authException);
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
		}

	}

}
