package dev.foundation.core.auth.jwt;

import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.foundation.core.auth.AuthEvents;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Builds {@link JwtDecoder}s that work as Spring Security's {@code NimbusJwtDecoder}
 * does, with a Nimbus processor the foundation configures itself: an algorithm allow-list
 * per issuer (never {@code none}, never HMAC for an asymmetric issuer), keys only from
 * the configured source ({@code jku}, {@code x5u} and embedded {@code jwk} headers are
 * never followed), and for key sets Nimbus's cache with refresh-ahead, rate limiting and
 * outage tolerance, fetched through resilience4j. Claims are checked by Spring Security
 * validators (see {@link TokenValidators}).
 */
public final class JwtDecoderFactory implements AutoCloseable {

	/**
	 * How long a failed OIDC discovery is not retried; tokens in between are answered at
	 * once (503).
	 */
	static final long DISCOVERY_BACKOFF_SECONDS = 30;

	static final Duration DISCOVERY_BACKOFF = Duration.ofSeconds(DISCOVERY_BACKOFF_SECONDS);

	private static final Pattern IPV4_LITERAL = Pattern.compile("(\\d{1,3})(\\.\\d{1,3}){3}");

	private final JwksSettings settings;

	private final RetryRegistry retries;

	private final CircuitBreakerRegistry circuitBreakers;

	private final AuthEvents events;

	// Key set sources own refresh threads: closed with the factory (Spring calls close()
	// on the bean).
	private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

	/**
	 * Creates the factory.
	 * @param settings how key sets are fetched and cached
	 * @param retries where the per-issuer retries are registered (named
	 * {@code jwks-<issuer name>})
	 * @param circuitBreakers where the per-issuer circuit breakers are registered
	 */
	public JwtDecoderFactory(JwksSettings settings, RetryRegistry retries, CircuitBreakerRegistry circuitBreakers) {
		this(settings, retries, circuitBreakers, AuthEvents.NONE);
	}

	/**
	 * Creates the factory.
	 * @param settings how key sets are fetched and cached
	 * @param retries where the per-issuer retries are registered (named
	 * {@code jwks-<issuer name>})
	 * @param circuitBreakers where the per-issuer circuit breakers are registered
	 * @param events told of each key set fetch (and each one skipped), by issuer name
	 */
	public JwtDecoderFactory(JwksSettings settings, RetryRegistry retries, CircuitBreakerRegistry circuitBreakers,
			AuthEvents events) {
		this.settings = settings;
		this.retries = retries;
		this.circuitBreakers = circuitBreakers;
		this.events = events;
	}

	/**
	 * Returns the registry holding the per-issuer key set retries
	 * ({@code jwks-<issuer name>}).
	 * @return the registry
	 */
	public RetryRegistry retries() {
		return this.retries;
	}

	/**
	 * Returns the registry holding the per-issuer key set circuit breakers
	 * ({@code jwks-<issuer name>}).
	 * @return the registry
	 */
	public CircuitBreakerRegistry circuitBreakers() {
		return this.circuitBreakers;
	}

	/**
	 * A decoder verifying signatures with keys from a JSON Web Key Set.
	 * @param name the issuer's name (for metrics and health)
	 * @param jwkSetUri the key set's URL
	 * @param algorithms accepted asymmetric algorithms
	 * @param validator the claim checks
	 * @return the decoder
	 */
	public JwtDecoder jwkSet(String name, URI jwkSetUri, Set<JWSAlgorithm> algorithms,
			OAuth2TokenValidator<Jwt> validator) {
		requireSecureEndpoint(jwkSetUri);
		return decoder(new JWSVerificationKeySelector<>(requireAsymmetric(algorithms), jwkSource(name, jwkSetUri)),
				validator);
	}

	/**
	 * A decoder for Supabase projects that sign with asymmetric keys and still accept
	 * legacy HS256 tokens: HS256 tokens are checked with the secret, all others with the
	 * key set.
	 * @param name the issuer's name
	 * @param jwkSetUri the key set's URL
	 * @param algorithms accepted asymmetric algorithms
	 * @param secret the legacy JWT secret
	 * @param validator the claim checks
	 * @return the decoder
	 */
	public JwtDecoder jwkSetWithLegacySecret(String name, URI jwkSetUri, Set<JWSAlgorithm> algorithms, byte[] secret,
			OAuth2TokenValidator<Jwt> validator) {
		requireSecureEndpoint(jwkSetUri);
		KeyMaterial.requireLongEnough(secret);
		JWSKeySelector<SecurityContext> asymmetric = new JWSVerificationKeySelector<>(requireAsymmetric(algorithms),
				jwkSource(name, jwkSetUri));
		JWSKeySelector<SecurityContext> hmac = new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
				new ImmutableSecret<>(secret));
		return decoder((header, context) -> JWSAlgorithm.HS256.equals(header.getAlgorithm())
				? hmac.selectJWSKeys(header, context) : asymmetric.selectJWSKeys(header, context), validator);
	}

	/**
	 * A decoder verifying HMAC signatures with a shared secret.
	 * @param secret at least 32 bytes
	 * @param algorithm HS256, HS384 or HS512
	 * @param validator the claim checks
	 * @return the decoder
	 */
	public JwtDecoder secret(byte[] secret, JWSAlgorithm algorithm, OAuth2TokenValidator<Jwt> validator) {
		if (!JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
			throw new IllegalArgumentException(algorithm + " is not an HMAC algorithm");
		}
		KeyMaterial.requireLongEnough(secret);
		return decoder(new JWSVerificationKeySelector<>(algorithm, new ImmutableSecret<>(secret)), validator);
	}

	/**
	 * A decoder verifying signatures with one public key.
	 * @param publicKey an RSA or EC (P-256, P-384, P-521) public key
	 * @param algorithms accepted asymmetric algorithms
	 * @param validator the claim checks
	 * @return the decoder
	 */
	public JwtDecoder publicKey(PublicKey publicKey, Set<JWSAlgorithm> algorithms,
			OAuth2TokenValidator<Jwt> validator) {
		Set<JWSAlgorithm> accepted = requireAsymmetric(algorithms);
		Predicate<JWSAlgorithm> fitsKey;
		if (publicKey instanceof RSAPublicKey) {
			fitsKey = JWSAlgorithm.Family.RSA::contains;
		}
		else if (publicKey instanceof ECPublicKey ec) {
			Curve curve = Curve.forECParameterSpec(ec.getParams());
			fitsKey = (algorithm) -> {
				Set<Curve> curves = Curve.forJWSAlgorithm(algorithm);
				return curves != null && curves.contains(curve);
			};
		}
		else {
			throw new IllegalArgumentException("Only RSA and EC public keys are supported");
		}
		List<PublicKey> keys = List.of(publicKey);
		// The one configured key, as a Java key once rather than converted from a JWK for
		// every token (what a JWK
		// selector does). It has no kid: it is tried whatever kid (or certificate
		// thumbprint) the tokens carry.
		return decoder(
				(header, context) -> accepted.contains(header.getAlgorithm()) && fitsKey.test(header.getAlgorithm())
						? keys : List.of(),
				validator);
	}

	/**
	 * A decoder for an OIDC issuer whose key set is found through discovery, at the first
	 * token rather than at startup (an identity provider outage must not stop the
	 * application from starting). A failed discovery is retried at most every
	 * {@value #DISCOVERY_BACKOFF_SECONDS} seconds; tokens in between fail with a
	 * {@code JwtException} (answered 503) without contacting the provider.
	 * @param name the issuer's name
	 * @param issuerUri the issuer
	 * @param algorithms accepted asymmetric algorithms
	 * @param validator the claim checks
	 * @return the decoder
	 */
	public JwtDecoder discovered(String name, URI issuerUri, Set<JWSAlgorithm> algorithms,
			OAuth2TokenValidator<Jwt> validator) {
		requireSecureEndpoint(issuerUri);
		return new DiscoveringJwtDecoder(() -> jwkSet(name, discoverJwkSetUri(issuerUri), algorithms, validator),
				DISCOVERY_BACKOFF, Clock.systemUTC());
	}

	private URI discoverJwkSetUri(URI issuerUri) {
		String base = issuerUri.toString().replaceAll("/+$", "");
		try {
			String json = retriever().retrieveResource(new URL(base + "/.well-known/openid-configuration"))
				.getContent();
			Map<String, Object> metadata = JSONObjectUtils.parse(json);
			String issuer = JSONObjectUtils.getString(metadata, "issuer");
			// OpenID Connect Discovery 1.0, section 4.3: the issuer must be identical to
			// the one configured.
			if (!issuerUri.toString().equals(issuer)) {
				throw new IllegalStateException("The discovery document of " + base + " names another issuer");
			}
			URI jwksUri = JSONObjectUtils.getURI(metadata, "jwks_uri");
			if (jwksUri == null) {
				throw new IllegalStateException("The discovery document of " + base + " has no jwks_uri");
			}
			if (!isSecureEndpoint(jwksUri)) {
				throw new IllegalStateException("The discovery document of " + base + " names the key set " + jwksUri
						+ ", which is neither https nor on a loopback host");
			}
			return jwksUri;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Discovery of " + base + " failed: " + ex.getMessage(), ex);
		}
	}

	private JWKSource<SecurityContext> jwkSource(String name, URI jwkSetUri) {
		Retry retry = this.retries.retry("jwks-" + name, RetryConfig.custom()
			// An open circuit is an answer, not a failure worth waiting for.
			.ignoreExceptions(CallNotPermittedException.class)
			.maxAttempts(Math.max(1, this.settings.maxAttempts()))
			.waitDuration(Duration.ofMillis(200))
			.build());
		CircuitBreaker circuitBreaker = this.circuitBreakers.circuitBreaker("jwks-" + name,
				CircuitBreakerConfig.custom()
					.slidingWindowSize(10)
					.minimumNumberOfCalls(3)
					.failureRateThreshold(50)
					.waitDurationInOpenState(Duration.ofSeconds(30))
					.build());
		ResilientResourceRetriever retriever = new ResilientResourceRetriever(retriever(), retry, circuitBreaker, name,
				this.events);
		JWKSource<SecurityContext> source;
		try {
			source = JWKSourceBuilder.<SecurityContext>create(jwkSetUri.toURL(), retriever)
				.cache(this.settings.cacheTtl().toMillis(), this.settings.readTimeout().toMillis() * 2)
				.refreshAheadCache(this.settings.refreshAhead().toMillis(), true)
				.rateLimited(this.settings.minRefreshInterval().toMillis())
				.outageTolerant(this.settings.outageTolerance().toMillis())
				// Retries are resilience4j's, so that they are visible.
				.retrying(false)
				.build();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("Invalid key set URL " + jwkSetUri, ex);
		}
		if (source instanceof AutoCloseable closeable) {
			this.closeables.add(closeable);
		}
		// A refetch refused by the rate limit (e.g. for a token with an unknown kid)
		// means no key was found: a bad token (401), not a failure of the key source
		// (which Spring Security reports as a server error) - while the endpoint answers.
		// No matching key while the endpoint fails (the cached set is served by the
		// outage tolerance): the issuer may have rotated to a key only the endpoint
		// knows, so the token cannot be judged. A key source failure (503, Retry-After)
		// rather than a bad token (401), which would tell the client to drop a token
		// that may be good.
		return (selector, context) -> {
			List<JWK> keys;
			try {
				keys = source.get(selector, context);
			}
			catch (RateLimitReachedException ex) {
				this.events.keySetFetched(name, AuthEvents.KeySetFetch.RATE_LIMITED, Duration.ZERO);
				keys = List.of();
			}
			if (keys.isEmpty() && retriever.isFailing()) {
				throw new RemoteKeySourceException(
						"No key of the cached set matches and the key set of " + name + " cannot be fetched", null);
			}
			return keys;
		};
	}

	/**
	 * Stops the key sets' background refreshing.
	 */
	@Override
	public void close() {
		for (AutoCloseable closeable : this.closeables) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// Closing only stops executors; nothing to recover.
			}
		}
		this.closeables.clear();
	}

	private DefaultResourceRetriever retriever() {
		return new DefaultResourceRetriever((int) this.settings.connectTimeout().toMillis(),
				(int) this.settings.readTimeout().toMillis(), JwksSettings.SIZE_LIMIT_BYTES);
	}

	private static JwtDecoder decoder(JWSKeySelector<SecurityContext> keySelector,
			OAuth2TokenValidator<Jwt> validator) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(keySelector);
		// Access tokens are typed "JWT" or untyped; "at+jwt" (RFC 9068) is accepted too.
		// Issuers that must be given
		// access tokens only add TokenValidators.accessTokenType().
		processor.setJWSTypeVerifier(JwtDecoderFactory::verifyType);
		// Claims are checked by the Spring Security validators, which report failures
		// uniformly.
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		return new IssuerJwtDecoder(processor, validator);
	}

	private static void verifyType(@Nullable JOSEObjectType type, @Nullable SecurityContext context)
			throws BadJOSEException {
		if (type != null && !TokenTypes.isJwt(type.getType()) && !TokenTypes.isAccessToken(type.getType())) {
			throw new RejectedTypeException("JOSE header typ (type) " + type + " not allowed");
		}
	}

	/**
	 * Whether a key set or discovery URL may be used: {@code https}, or plain
	 * {@code http} to a loopback host only ({@code localhost}, {@code 127.0.0.0/8},
	 * {@code ::1}), where nothing on the network can change the keys in transit. Host
	 * names other than {@code localhost} are not resolved.
	 * @param uri the URL
	 * @return whether it is absolute and safe to fetch keys from
	 */
	public static boolean isSecureEndpoint(URI uri) {
		String scheme = uri.getScheme();
		String host = uri.getHost();
		if (scheme == null || host == null) {
			return false;
		}
		if (scheme.equalsIgnoreCase("https")) {
			return true;
		}
		return scheme.equalsIgnoreCase("http") && isLoopback(host);
	}

	private static boolean isLoopback(String host) {
		String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
		if (name.equalsIgnoreCase("localhost")) {
			return true;
		}
		if (IPV4_LITERAL.matcher(name).matches()) {
			return name.startsWith("127.");
		}
		if (name.indexOf(':') >= 0) {
			try {
				// A literal IPv6 address: parsed, never looked up.
				return InetAddress.getByName(name).isLoopbackAddress();
			}
			catch (UnknownHostException ex) {
				return false;
			}
		}
		return false;
	}

	private static void requireSecureEndpoint(URI uri) {
		if (!isSecureEndpoint(uri)) {
			throw new IllegalArgumentException(
					"'" + uri + "' is neither an https URL nor a URL of a loopback host; keys fetched over plain "
							+ "http could be replaced in transit");
		}
	}

	private static Set<JWSAlgorithm> requireAsymmetric(Set<JWSAlgorithm> algorithms) {
		if (algorithms.isEmpty()) {
			throw new IllegalArgumentException("At least one algorithm is required");
		}
		for (JWSAlgorithm algorithm : algorithms) {
			if (!JWSAlgorithm.Family.SIGNATURE.contains(algorithm)) {
				throw new IllegalArgumentException(
						algorithm + " is not an asymmetric signature algorithm; an issuer with public keys never "
								+ "accepts HMAC or 'none'");
			}
		}
		return Set.copyOf(algorithms);
	}

}
