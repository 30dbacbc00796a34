package dev.foundation.core.auth.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.jwt.ClaimsPrincipalMapper;
import dev.foundation.core.auth.jwt.ClerkPrincipalMapper;
import dev.foundation.core.auth.jwt.JwtDecoderFactory;
import dev.foundation.core.auth.jwt.KeyMaterial;
import dev.foundation.core.auth.jwt.SupabasePrincipalMapper;
import dev.foundation.core.auth.jwt.TokenValidators;
import dev.foundation.core.auth.jwt.TrustedIssuer;
import dev.foundation.core.config.InvalidFoundationPropertyException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Turns {@code foundation.auth.*} into the list of trusted issuers, failing startup with
 * the property's name for anything unsafe or incomplete. This is the wiring: reading the
 * properties and naming them in errors; key material is checked and read by
 * {@link KeyMaterial}, decoders are built by {@link JwtDecoderFactory}.
 */
final class TrustedIssuers {

	private static final Logger logger = LoggerFactory.getLogger(TrustedIssuers.class);

	private static final Set<JWSAlgorithm> SUPABASE_ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);

	private static final Set<JWSAlgorithm> DEFAULT_ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

	private final AuthProperties properties;

	private final JwtDecoderFactory decoders;

	private final Clock clock;

	TrustedIssuers(AuthProperties properties, JwtDecoderFactory decoders, Clock clock) {
		this.properties = properties;
		this.decoders = decoders;
		this.clock = clock;
	}

	List<TrustedIssuer> create() {
		List<TrustedIssuer> issuers = new ArrayList<>();
		SupabaseProperties supabase = this.properties.getSupabase();
		if (supabase.getUrl() != null) {
			issuers.add(supabase(supabase, supabase.getUrl()));
		}
		else if (supabase.getJwtSecret() != null) {
			throw new InvalidFoundationPropertyException("foundation.auth.supabase.url",
					"a JWT secret is set but not the project URL, so the issuer cannot be checked",
					"set it to https://<project-ref>.supabase.co");
		}
		ClerkProperties clerk = this.properties.getClerk();
		if (clerk.getIssuer() != null) {
			issuers.add(clerk(clerk, clerk.getIssuer()));
		}
		this.properties.getIssuers().forEach((name, issuer) -> issuers.add(custom(name, issuer)));
		Map<String, String> seen = new HashMap<>();
		for (TrustedIssuer issuer : issuers) {
			String previous = seen.put(issuer.issuer(), issuer.name());
			if (previous != null) {
				throw new InvalidFoundationPropertyException("foundation.auth",
						"issuers '" + previous + "' and '" + issuer.name() + "' both expect iss=" + issuer.issuer(),
						"configure each issuer once");
			}
		}
		return issuers;
	}

	private TrustedIssuer supabase(SupabaseProperties supabase, URI url) {
		requireSecureUrl("foundation.auth.supabase.url", url);
		String issuer = stripTrailingSlash(url.toString()) + "/auth/v1";
		URI jwks = URI.create(issuer + "/.well-known/jwks.json");
		List<OAuth2TokenValidator<Jwt>> extra = new ArrayList<>();
		if (!supabase.isAllowAnonymous()) {
			extra.add(TokenValidators.notAnonymous());
		}
		OAuth2TokenValidator<Jwt> validator = TokenValidators.create(issuer, List.of(supabase.getAudience()),
				this.properties.getClockSkew(), this.clock, extra);
		JwtDecoder decoder = (supabase.getJwtSecret() != null)
				? this.decoders.jwkSetWithLegacySecret("supabase", jwks, SUPABASE_ALGORITHMS,
						secret("foundation.auth.supabase.jwt-secret", supabase.getJwtSecret()), validator)
				: this.decoders.jwkSet("supabase", jwks, SUPABASE_ALGORITHMS, validator);
		return new TrustedIssuer("supabase", AuthProvider.SUPABASE, issuer, decoder,
				new SupabasePrincipalMapper(supabase.getTenantIdClaim(), supabase.getRolesClaim()));
	}

	private TrustedIssuer clerk(ClerkProperties clerk, URI issuerUri) {
		requireSecureUrl("foundation.auth.clerk.issuer", issuerUri);
		if (clerk.getAuthorizedParties().isEmpty()) {
			// Clerk's session tokens carry no aud: azp is what ties a token to this
			// application's front ends.
			logger.warn("foundation.auth.clerk.authorized-parties is empty: Clerk tokens requested from any origin "
					+ "are accepted. Set it to the origins of your front ends (e.g. https://app.example.com).");
		}
		String issuer = stripTrailingSlash(issuerUri.toString());
		OAuth2TokenValidator<Jwt> validator = TokenValidators.create(issuer, List.of(), this.properties.getClockSkew(),
				this.clock, List.of(TokenValidators.authorizedParty(clerk.getAuthorizedParties())));
		JwtDecoder decoder = this.decoders.jwkSet("clerk", URI.create(issuer + "/.well-known/jwks.json"),
				Set.of(JWSAlgorithm.RS256), validator);
		return new TrustedIssuer("clerk", AuthProvider.CLERK, issuer, decoder,
				new ClerkPrincipalMapper(clerk.getRoleMapping()));
	}

	private TrustedIssuer custom(String name, IssuerProperties config) {
		String prefix = "foundation.auth.issuers." + name;
		int sources = count(config.getIssuerUri(), config.getJwkSetUri(), config.getHmacSecret(),
				config.getPublicKey());
		if (sources != 1) {
			throw new InvalidFoundationPropertyException(prefix,
					(sources == 0) ? "no key source is configured" : "more than one key source is configured",
					"set exactly one of issuer-uri, jwk-set-uri, hmac-secret or public-key");
		}
		String issuer = (config.getIssuer() != null) ? config.getIssuer()
				: (config.getIssuerUri() != null) ? config.getIssuerUri().toString() : null;
		if (issuer == null || issuer.isBlank()) {
			throw new InvalidFoundationPropertyException(prefix + ".issuer", "the expected iss claim is not set",
					"set it to the exact iss value of the tokens");
		}
		List<OAuth2TokenValidator<Jwt>> extra = new ArrayList<>();
		if (config.isRequireAccessTokenType()) {
			extra.add(TokenValidators.accessTokenType());
		}
		OAuth2TokenValidator<Jwt> validator = TokenValidators.create(issuer, audiences(prefix, config),
				this.properties.getClockSkew(), this.clock, extra);
		JwtDecoder decoder;
		if (config.getHmacSecret() != null) {
			Set<JWSAlgorithm> algorithms = algorithms(prefix, config.getAlgorithms(), Set.of(JWSAlgorithm.HS256));
			if (algorithms.size() != 1 || !JWSAlgorithm.Family.HMAC_SHA.containsAll(algorithms)) {
				throw new InvalidFoundationPropertyException(prefix + ".algorithms",
						"an HMAC secret verifies exactly one HMAC algorithm", "set one of HS256, HS384, HS512");
			}
			decoder = this.decoders.secret(secret(prefix + ".hmac-secret", config.getHmacSecret()),
					algorithms.iterator().next(), validator);
		}
		else {
			Set<JWSAlgorithm> algorithms = algorithms(prefix, config.getAlgorithms(), DEFAULT_ASYMMETRIC);
			if (!JWSAlgorithm.Family.SIGNATURE.containsAll(algorithms)) {
				throw new InvalidFoundationPropertyException(prefix + ".algorithms",
						"an issuer with public keys accepts only asymmetric algorithms",
						"use RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 or ES512");
			}
			if (config.getJwkSetUri() != null) {
				requireSecureUrl(prefix + ".jwk-set-uri", config.getJwkSetUri());
				decoder = this.decoders.jwkSet(name, config.getJwkSetUri(), algorithms, validator);
			}
			else if (config.getIssuerUri() != null) {
				requireSecureUrl(prefix + ".issuer-uri", config.getIssuerUri());
				decoder = this.decoders.discovered(name, config.getIssuerUri(), algorithms, validator);
			}
			else {
				// Set: the key source count above leaves no other.
				Resource publicKey = Objects.requireNonNull(config.getPublicKey());
				decoder = this.decoders.publicKey(publicKey(prefix + ".public-key", publicKey), algorithms, validator);
			}
		}
		IssuerProperties.Claims claims = config.getClaims();
		return new TrustedIssuer(name, AuthProvider.CUSTOM, issuer, decoder, new ClaimsPrincipalMapper(
				claims.getUserId(), claims.getEmail(), claims.getTenantId(), claims.getRoles()));
	}

	private static List<String> audiences(String prefix, IssuerProperties config) {
		boolean disabled = config.getAudienceCheck() == IssuerProperties.AudienceCheck.DISABLED;
		if (config.getAudiences().isEmpty() && !disabled) {
			// Without it, a token the same issuer minted for any other application
			// (another API, a front end's ID
			// token) would be accepted here.
			throw new InvalidFoundationPropertyException(prefix + ".audiences",
					"no audience is configured, so tokens the issuer minted for any other application would be "
							+ "accepted",
					"set the audience(s) this API's tokens carry, or " + prefix
							+ ".audience-check=disabled to accept any audience on purpose");
		}
		if (!config.getAudiences().isEmpty() && disabled) {
			throw new InvalidFoundationPropertyException(prefix + ".audience-check",
					"it is disabled although audiences are configured", "remove one of the two");
		}
		return disabled ? List.of() : config.getAudiences();
	}

	private static Set<JWSAlgorithm> algorithms(String prefix, List<String> names, Set<JWSAlgorithm> defaults) {
		if (names.isEmpty()) {
			return defaults;
		}
		Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
		for (String name : names) {
			JWSAlgorithm algorithm = JWSAlgorithm.parse(name.trim());
			if (!JWSAlgorithm.Family.SIGNATURE.contains(algorithm)
					&& !JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
				throw new InvalidFoundationPropertyException(prefix + ".algorithms",
						"'" + name + "' is not a supported JWS algorithm", "use e.g. RS256, ES256 or HS256");
			}
			algorithms.add(algorithm);
		}
		return algorithms;
	}

	private static byte[] secret(String property, String secret) {
		try {
			return KeyMaterial.hmacSecret(secret);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFoundationPropertyException(property, ex,
					"use the full secret from your identity provider (at least 32 characters)");
		}
	}

	private static PublicKey publicKey(String property, Resource resource) {
		byte[] pem;
		try {
			pem = resource.getContentAsByteArray();
		}
		catch (IOException ex) {
			throw new InvalidFoundationPropertyException(property, "the key cannot be read (" + ex.getMessage() + ")",
					"point it at a PEM 'BEGIN PUBLIC KEY' file, e.g. classpath:keys/issuer.pub");
		}
		try {
			return KeyMaterial.publicKeyFromPem(pem);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFoundationPropertyException(property, ex,
					"use a PEM 'BEGIN PUBLIC KEY' (X.509 SubjectPublicKeyInfo) file");
		}
	}

	private static void requireSecureUrl(String property, URI uri) {
		String scheme = uri.getScheme();
		if (scheme == null || uri.getHost() == null
				|| !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
			throw new InvalidFoundationPropertyException(property, "'" + uri + "' is not an absolute http(s) URL",
					"use e.g. https://example.com");
		}
		// Keys fetched over plain http could be swapped by anyone on the path, who could
		// then sign any token.
		if (!JwtDecoderFactory.isSecureEndpoint(uri)) {
			throw new InvalidFoundationPropertyException(property, "'" + uri
					+ "' is plain http to a host that is not loopback, so the keys could be replaced in " + "transit",
					"use https (plain http is accepted only for localhost, 127.0.0.0/8 and ::1)");
		}
	}

	private static int count(@Nullable Object... values) {
		int count = 0;
		for (Object value : values) {
			if (value != null) {
				count++;
			}
		}
		return count;
	}

	private static String stripTrailingSlash(String value) {
		return value.replaceAll("/+$", "");
	}

}
