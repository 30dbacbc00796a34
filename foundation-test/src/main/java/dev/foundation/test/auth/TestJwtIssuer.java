package dev.foundation.test.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A local token issuer for tests: an RSA 2048 key (kid {@code test-rsa-1}) and an EC
 * P-256 key (kid {@code test-ec-1}) whose public halves an HTTP server on
 * {@code 127.0.0.1} publishes, so an application under test verifies the tokens minted
 * here exactly as it verifies real ones, without a network.
 * <p>
 * The server answers {@code GET}
 * <ul>
 * <li>{@code /.well-known/jwks.json}: the public JWKS (where Clerk and most OIDC issuers
 * publish keys);</li>
 * <li>{@code /auth/v1/.well-known/jwks.json}: the same JWKS (where Supabase publishes
 * keys);</li>
 * <li>{@code /.well-known/openid-configuration}: a discovery document whose
 * {@code issuer} is {@link #baseUrl()} and whose {@code jwks_uri} is
 * {@link #jwksUri()}.</li>
 * </ul>
 * Point the application at {@link #baseUrl()} as the Supabase project URL, the Clerk
 * issuer or a custom issuer's discovery URL, then mint with {@link #supabase()},
 * {@link #clerk()} or {@link #custom()}:
 *
 * <pre class="code">
 * try (TestJwtIssuer issuer = TestJwtIssuer.start()) {
 *     String token = issuer.supabase().tenantId("acme").roles("admin").token();
 *     // send "Authorization: Bearer " + token
 * }
 * </pre>
 *
 * Private keys are generated per instance and are reachable only through
 * {@link #rsaKey()} and {@link #ecKey()}. Safe for use from several threads.
 */
public final class TestJwtIssuer implements AutoCloseable {

	private final JwksServer server;

	private int generation = 1;

	private volatile SigningKeys keys;

	private TestJwtIssuer() throws IOException {
		this.keys = SigningKeys.generate(this.generation);
		this.server = JwksServer.start(() -> this.keys.publicJwkSet());
	}

	/**
	 * Generates fresh keys and starts the JWKS server on a free port of
	 * {@code 127.0.0.1}.
	 * @return the running issuer; {@link #close() close} it when done
	 * @throws UncheckedIOException if the server cannot be started
	 */
	public static TestJwtIssuer start() {
		try {
			return new TestJwtIssuer();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the test JWKS server", ex);
		}
	}

	/**
	 * The server's root, without a trailing slash.
	 * @return a URL such as {@code http://127.0.0.1:54321}
	 */
	public String baseUrl() {
		return this.server.baseUrl();
	}

	/**
	 * Where the public keys are published, as Clerk and OIDC issuers do.
	 * @return {@code <baseUrl>/.well-known/jwks.json}
	 */
	public URI jwksUri() {
		return URI.create(baseUrl() + JwksServer.JWKS_PATH);
	}

	/**
	 * Where the public keys are published, as a Supabase project at {@link #baseUrl()}
	 * does.
	 * @return {@code <baseUrl>/auth/v1/.well-known/jwks.json}
	 */
	public URI supabaseJwksUri() {
		return URI.create(baseUrl() + JwksServer.SUPABASE_JWKS_PATH);
	}

	/**
	 * How many requests reached either JWKS path, including those answered 503 while
	 * unavailable.
	 * @return the count since start or the last {@link #resetRequestCount()}
	 */
	public int jwksRequestCount() {
		return this.server.jwksRequestCount();
	}

	/**
	 * Sets {@link #jwksRequestCount()} back to zero.
	 */
	public void resetRequestCount() {
		this.server.resetRequestCount();
	}

	/**
	 * Simulates an outage of the key endpoints: while unavailable both JWKS paths answer
	 * {@code 503 Service Unavailable}. Tokens can still be minted.
	 * @param available whether the JWKS paths serve the keys
	 */
	public void setJwksAvailable(boolean available) {
		this.server.setJwksAvailable(available);
	}

	/**
	 * Replaces both keys with new ones under new key ids ({@code test-rsa-2},
	 * {@code test-ec-2}, ...). The old keys leave the JWKS at once, so tokens signed
	 * before still carry a kid the server no longer knows.
	 */
	public synchronized void rotateKeys() {
		this.generation++;
		this.keys = SigningKeys.generate(this.generation);
	}

	/**
	 * The current RSA key pair, private part included, for tests that must craft tokens
	 * themselves.
	 * @return the RSA JWK, with its kid
	 */
	public RSAKey rsaKey() {
		return this.keys.rsa();
	}

	/**
	 * The current EC P-256 key pair, private part included, for tests that must craft
	 * tokens themselves.
	 * @return the EC JWK, with its kid
	 */
	public ECKey ecKey() {
		return this.keys.ec();
	}

	/**
	 * Signs the claims with RS256 and the RSA key; the header has {@code typ: JWT} and
	 * the key's kid.
	 * @param claims the claims
	 * @return the compact serialization
	 */
	public String sign(JWTClaimsSet claims) {
		return sign(JWSAlgorithm.RS256, claims);
	}

	/**
	 * Signs the claims with the given algorithm; the header has {@code typ: JWT} and the
	 * kid of the key used.
	 * @param algorithm RS256, RS384, RS512, PS256, PS384 or PS512 (RSA key) or ES256 (EC
	 * key)
	 * @param claims the claims
	 * @return the compact serialization
	 * @throws IllegalArgumentException for any other algorithm
	 */
	public String sign(JWSAlgorithm algorithm, JWTClaimsSet claims) {
		SigningKeys current = this.keys;
		String keyId = JWSAlgorithm.Family.RSA.contains(algorithm) ? current.rsa().getKeyID() : current.ec().getKeyID();
		return sign(current, new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(keyId).build(), claims);
	}

	/**
	 * Signs the claims under a header of the caller's making, with the key its algorithm
	 * calls for; the header is not checked, so it may name any kid, critical parameter or
	 * type.
	 * @param header the header; its algorithm chooses the key as in
	 * {@link #sign(JWSAlgorithm, JWTClaimsSet)}
	 * @param claims the claims
	 * @return the compact serialization
	 * @throws IllegalArgumentException if no key of this issuer fits the header's
	 * algorithm
	 */
	public String sign(JWSHeader header, JWTClaimsSet claims) {
		return sign(this.keys, header, claims);
	}

	private static String sign(SigningKeys keys, JWSHeader header, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(header, claims);
			jwt.sign(signer(keys, header.getAlgorithm()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign the test token", ex);
		}
	}

	private static JWSSigner signer(SigningKeys keys, JWSAlgorithm algorithm) throws JOSEException {
		if (JWSAlgorithm.Family.RSA.contains(algorithm)) {
			return new RSASSASigner(keys.rsa());
		}
		if (JWSAlgorithm.ES256.equals(algorithm)) {
			return new ECDSASigner(keys.ec());
		}
		throw new IllegalArgumentException("A TestJwtIssuer signs RS256, RS384, RS512, PS256, PS384, PS512 and ES256, "
				+ "not " + algorithm + "; for HMAC use signedWithSecret(...) on a token builder");
	}

	/**
	 * Supabase Auth access tokens for a project at {@link #baseUrl()}, whose JWKS path
	 * this server serves.
	 * @return a builder for tokens with {@code iss = <baseUrl>/auth/v1}
	 */
	public SupabaseTokens supabase() {
		return supabase(baseUrl());
	}

	/**
	 * Supabase Auth access tokens for the given project, signed by this issuer's keys.
	 * @param projectUrl the project URL, such as {@code https://abcd.supabase.co}
	 * @return a builder for tokens with {@code iss = <projectUrl>/auth/v1}
	 */
	public SupabaseTokens supabase(String projectUrl) {
		return new SupabaseTokens(this, projectUrl);
	}

	/**
	 * Clerk session tokens from an instance at {@link #baseUrl()}, whose JWKS path this
	 * server serves.
	 * @return a builder for tokens with {@code iss = <baseUrl>}
	 */
	public ClerkTokens clerk() {
		return clerk(baseUrl());
	}

	/**
	 * Clerk session tokens from the given instance, signed by this issuer's RSA key.
	 * @param issuer the instance's Frontend API URL, such as
	 * {@code https://clerk.example.com}
	 * @return a builder for tokens with that {@code iss}
	 */
	public ClerkTokens clerk(String issuer) {
		return new ClerkTokens(this, issuer);
	}

	/**
	 * Tokens of a generic OIDC issuer at {@link #baseUrl()}, matching this server's
	 * discovery document.
	 * @return a builder for tokens with {@code iss = <baseUrl>}
	 */
	public CustomTokens custom() {
		return custom(baseUrl());
	}

	/**
	 * Tokens of a generic JWT issuer, signed by this issuer's keys.
	 * @param issuer the {@code iss} claim
	 * @return a builder for tokens with that {@code iss}
	 */
	public CustomTokens custom(String issuer) {
		return new CustomTokens(this, issuer);
	}

	/**
	 * Stops the server; tokens can still be minted but no longer verified against it.
	 */
	@Override
	public void close() {
		this.server.close();
	}

	@Override
	public String toString() {
		return "TestJwtIssuer[" + baseUrl() + ", " + this.keys + "]";
	}

}
