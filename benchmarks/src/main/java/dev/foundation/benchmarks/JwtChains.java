package dev.foundation.benchmarks;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.core.auth.autoconfigure.AuthProperties;
import dev.foundation.core.auth.autoconfigure.IssuerProperties;
import dev.foundation.core.auth.autoconfigure.JwksProperties;
import dev.foundation.core.auth.jwt.ClaimsPrincipalMapper;
import dev.foundation.core.auth.jwt.JwksSettings;
import dev.foundation.core.auth.jwt.JwtDecoderFactory;
import dev.foundation.core.auth.jwt.TokenValidators;
import dev.foundation.core.auth.jwt.TrustedIssuer;
import dev.foundation.core.auth.jwt.TrustedIssuerRegistry;
import dev.foundation.test.auth.TestJwtIssuer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Builds what the token benchmarks compare, the same way for every benchmark: Spring
 * Security's bare {@link NimbusJwtDecoder} and the foundation's chain for a custom
 * issuer, assembled as {@code AuthAutoConfiguration} assembles it from
 * {@code foundation.auth.issuers.partner.*} with the default properties.
 */
final class JwtChains {

	/** The audience the tokens carry and the foundation requires. */
	static final String AUDIENCE = "api";

	/** The issuer's name under {@code foundation.auth.issuers}. */
	static final String ISSUER_NAME = "partner";

	// TrustedIssuers' default for an issuer with public keys.
	private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

	private static final AuthProperties DEFAULTS = new AuthProperties();

	private JwtChains() {
	}

	/**
	 * Spring Security's decoder with its default validators, as an application without
	 * the foundation builds it.
	 * @param issuer the token issuer
	 * @param source where the key comes from
	 * @return the decoder
	 */
	static JwtDecoder bareDecoder(TestJwtIssuer issuer, KeySource source) {
		return switch (source) {
			case PUBLIC_KEY -> NimbusJwtDecoder.withPublicKey(rsaPublicKey(issuer)).build();
			case JWKS -> NimbusJwtDecoder.withJwkSetUri(issuer.jwksUri().toString()).build();
		};
	}

	/**
	 * The foundation's decoder factory with the default {@code foundation.auth.jwks.*}
	 * settings and registries. Close it when done: key sets refresh on a non-daemon
	 * thread, which would keep a forked VM from exiting.
	 * @return the factory
	 */
	static JwtDecoderFactory decoderFactory() {
		JwksProperties jwks = DEFAULTS.getJwks();
		return new JwtDecoderFactory(new JwksSettings(jwks.getCacheTtl(), jwks.getRefreshAhead(),
				jwks.getMinRefreshInterval(), jwks.getOutageTolerance(), jwks.getConnectTimeout(),
				jwks.getReadTimeout(), jwks.getMaxAttempts()), RetryRegistry.ofDefaults(),
				CircuitBreakerRegistry.ofDefaults());
	}

	/**
	 * The foundation's decoder: its own Nimbus processor (algorithm allow-list, typ
	 * check, for key sets the resilient cache) with the given claim checks.
	 * @param factory the factory, which owns the key set's refresh thread
	 * @param issuer the token issuer
	 * @param source where the key comes from
	 * @param validator the claim checks
	 * @return the decoder
	 */
	static JwtDecoder foundationDecoder(JwtDecoderFactory factory, TestJwtIssuer issuer, KeySource source,
			OAuth2TokenValidator<Jwt> validator) {
		return switch (source) {
			case PUBLIC_KEY -> factory.publicKey(rsaPublicKey(issuer), ALGORITHMS, validator);
			case JWKS -> factory.jwkSet(ISSUER_NAME, issuer.jwksUri(), ALGORITHMS, validator);
		};
	}

	/**
	 * The foundation's claim checks for the issuer: {@code exp} present, timestamps with
	 * the default clock skew, {@code iat} not in the future, {@code iss}, {@code aud}.
	 * @param issuer the token issuer
	 * @return the validator
	 */
	static OAuth2TokenValidator<Jwt> foundationValidators(TestJwtIssuer issuer) {
		return TokenValidators.create(issuer.baseUrl(), List.of(AUDIENCE), DEFAULTS.getClockSkew(), Clock.systemUTC(),
				List.of());
	}

	/**
	 * The trusted issuer, with the default claim paths.
	 * @param issuer the token issuer
	 * @param decoder its decoder
	 * @return the trusted issuer
	 */
	static TrustedIssuer trustedIssuer(TestJwtIssuer issuer, JwtDecoder decoder) {
		IssuerProperties.Claims claims = new IssuerProperties().getClaims();
		return new TrustedIssuer(ISSUER_NAME, AuthProvider.CUSTOM, issuer.baseUrl(), decoder, new ClaimsPrincipalMapper(
				claims.getUserId(), claims.getEmail(), claims.getTenantId(), claims.getRoles()));
	}

	/**
	 * The whole chain the resource server runs for a bearer token: issuer routing,
	 * decoding, validation, mapping.
	 * @param issuer the token issuer
	 * @param source where the key comes from
	 * @return the chain
	 */
	static FoundationChain foundationChain(TestJwtIssuer issuer, KeySource source) {
		JwtDecoderFactory factory = decoderFactory();
		var registry = new TrustedIssuerRegistry(List
			.of(trustedIssuer(issuer, foundationDecoder(factory, issuer, source, foundationValidators(issuer)))));
		// As AuthAutoConfiguration's foundationAuthenticationManagerResolver.
		AuthenticationManager manager = registry.authenticationManager();
		return new FoundationChain(factory, (request) -> manager);
	}

	private static RSAPublicKey rsaPublicKey(TestJwtIssuer issuer) {
		try {
			return issuer.rsaKey().toRSAPublicKey();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Where a decoder gets the issuer's key.
	 */
	enum KeySource {

		/** One configured RSA public key ({@code public-key}). */
		PUBLIC_KEY,

		/** The issuer's JSON Web Key Set over HTTP ({@code jwk-set-uri}), cached. */
		JWKS

	}

	/**
	 * The foundation's token chain, entered as {@code BearerTokenAuthenticationFilter}
	 * enters it.
	 */
	static final class FoundationChain implements AutoCloseable {

		private final JwtDecoderFactory factory;

		private final AuthenticationManagerResolver<HttpServletRequest> managers;

		// The resolver routes by the token's iss and never reads the request; any request
		// will do.
		private final HttpServletRequest request = new MockHttpServletRequest("GET", "/api/items");

		FoundationChain(JwtDecoderFactory factory, AuthenticationManagerResolver<HttpServletRequest> managers) {
			this.factory = factory;
			this.managers = managers;
		}

		/**
		 * Authenticates a bearer token.
		 * @param token the compact JWT
		 * @return the authenticated principal
		 * @throws org.springframework.security.core.AuthenticationException if the token
		 * is not accepted
		 */
		FoundationPrincipal authenticate(String token) {
			return (FoundationPrincipal) this.managers.resolve(this.request)
				.authenticate(new BearerTokenAuthenticationToken(token))
				.getPrincipal();
		}

		/**
		 * Stops the key set's background refreshing, as Spring does when it closes the
		 * factory bean.
		 */
		@Override
		public void close() {
			this.factory.close();
		}

	}

}
