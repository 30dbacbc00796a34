package dev.foundation.sample.devauth;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * A development-only token issuer: an RSA key generated at startup (never stored), whose
 * public half is served as a JWKS so that the application validates these tokens exactly
 * like a real provider's.
 */
class DevTokenIssuer {

	private final String issuer;

	private final String audience;

	private final RSAKey key;

	DevTokenIssuer(String issuer, String audience) {
		this.issuer = issuer;
		this.audience = audience;
		try {
			this.key = new RSAKeyGenerator(2048).keyID("dev-" + UUID.randomUUID()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate the development signing key", ex);
		}
	}

	Map<String, Object> publicJwks() {
		return new JWKSet(this.key.toPublicJWK()).toJSONObject();
	}

	String mint(String userId, @Nullable String email, @Nullable String tenantId, List<String> roles, Duration ttl) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.audience(this.audience)
			.subject(userId)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(ttl)))
			.jwtID(UUID.randomUUID().toString())
			.claim("roles", roles);
		if (email != null) {
			claims.claim("email", email);
		}
		if (tenantId != null) {
			claims.claim("tenant_id", tenantId);
		}
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(this.key.getKeyID()).build(),
				claims.build());
		try {
			jwt.sign(new RSASSASigner(this.key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign the development token", ex);
		}
		return jwt.serialize();
	}

}
