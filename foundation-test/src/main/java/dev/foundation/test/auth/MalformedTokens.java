package dev.foundation.test.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Tokens an attacker or a broken client would send, for tests that an application rejects
 * them. Each one is rejected by a correctly configured verifier, most of them with
 * otherwise valid claims, so that a test that passes proves the rejection came from the
 * flaw named here and not from an expired or foreign token.
 */
public final class MalformedTokens {

	/**
	 * The unknown extension that {@link #withCritHeader(TestJwtIssuer, JWTClaimsSet)}
	 * marks critical.
	 */
	public static final String UNKNOWN_CRITICAL_PARAMETER = "x-unknown";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int FAKE_SIGNATURE_BYTES = 256;

	private MalformedTokens() {
	}

	/**
	 * An unsecured JWT (RFC 7519 §6): header {@code {"alg":"none","typ":"JWT"}}, the
	 * claims, an empty signature.
	 * @param claims the claims
	 * @return {@code header.payload.}
	 */
	public static String unsigned(JWTClaimsSet claims) {
		return new PlainJWT(new PlainHeader.Builder().type(JOSEObjectType.JWT).build(), claims).serialize();
	}

	/**
	 * The RS256-to-HS256 key-confusion attack: HS256 with the RSA public key's PEM text
	 * (X.509 SubjectPublicKeyInfo, 64-character lines, trailing newline) as the HMAC
	 * secret and the key's kid, which a verifier that takes the algorithm from the header
	 * would accept.
	 * @param key the issuer's RSA key (only its public part is used)
	 * @param claims the claims
	 * @return the token, with header {@code alg: HS256}
	 */
	public static String hs256SignedWithPublicKey(RSAKey key, JWTClaimsSet claims) {
		try {
			byte[] der = key.toRSAPublicKey().getEncoded();
			String pem = "-----BEGIN PUBLIC KEY-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
					+ "\n-----END PUBLIC KEY-----\n";
			return hs256SignedWithPublicKey(pem.getBytes(StandardCharsets.US_ASCII), key.getKeyID(), claims);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not read the RSA public key", ex);
		}
	}

	/**
	 * Key confusion with another encoding of a public key (DER, the JWK's JSON, ...) as
	 * the HMAC secret.
	 * @param publicKeyBytes the encoded public key, at least 32 bytes
	 * @param keyId the kid to put in the header, or {@code null} for none
	 * @param claims the claims
	 * @return the token, with header {@code alg: HS256}
	 */
	public static String hs256SignedWithPublicKey(byte[] publicKeyBytes, @Nullable String keyId, JWTClaimsSet claims) {
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(keyId).build();
		return HmacSigning.sign(publicKeyBytes, header, claims);
	}

	/**
	 * A signed token whose claims were swapped afterwards: the original header and
	 * signature, a new payload.
	 * @param token a compact JWS
	 * @param newClaims the claims to put in its place
	 * @return the tampered token
	 * @throws IllegalArgumentException if the token does not have three parts
	 */
	public static String withPayloadReplaced(String token, JWTClaimsSet newClaims) {
		Base64URL[] parts = split(token);
		return parts[0] + "." + newClaims.toPayload().toBase64URL() + "." + parts[2];
	}

	/**
	 * The token cut off halfway through its signature, as a careless copy would; three
	 * parts remain.
	 * @param token a compact JWS
	 * @return the truncated token
	 */
	public static String truncated(String token) {
		int lastDot = token.lastIndexOf('.');
		int signatureLength = token.length() - lastDot - 1;
		if (lastDot < 0 || signatureLength < 2) {
			return token.substring(0, token.length() / 2);
		}
		return token.substring(0, lastDot + 1 + signatureLength / 2);
	}

	/**
	 * Three empty parts.
	 * @return {@code ".."}
	 */
	public static String threeEmptySegments() {
		return "..";
	}

	/**
	 * A well-formed but unverifiable RS256 token padded to a size, for tests of size
	 * limits: a {@code padding} claim fills the payload and the signature is random.
	 * @param length the minimum length in characters (bytes: the token is ASCII)
	 * @return a token of {@code length} to {@code length + 2} characters, or the smallest
	 * such token (about 450 characters) if that is longer
	 */
	public static String oversized(int length) {
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
			.keyID("oversized")
			.build();
		byte[] signatureBytes = new byte[FAKE_SIGNATURE_BYTES];
		RANDOM.nextBytes(signatureBytes);
		String signature = Base64URL.encode(signatureBytes).toString();
		String token = padded(header, 0, signature);
		// Base64 turns 3 bytes into 4 characters, so 3/4 of the shortfall is nearly
		// enough; top up one at a time.
		int padding = Math.max(0, (length - token.length()) * 3 / 4);
		while (token.length() < length) {
			token = padded(header, padding, signature);
			padding++;
		}
		return token;
	}

	private static String padded(JWSHeader header, int padding, String signature) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("oversized")
			.claim("padding", "a".repeat(padding))
			.build();
		return header.toBase64URL() + "." + claims.toPayload().toBase64URL() + "." + signature;
	}

	/**
	 * A token validly signed by the issuer's RSA key but naming another kid, such as
	 * {@code ../../etc/passwd}, {@code ' OR '1'='1} or a URL, for tests that a kid is
	 * only ever looked up, never used as a path or query.
	 * @param issuer the issuer whose RSA key signs
	 * @param keyId the kid to put in the header
	 * @param claims the claims
	 * @return the token
	 */
	public static String withKid(TestJwtIssuer issuer, String keyId, JWTClaimsSet claims) {
		return issuer.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(keyId).build(),
				claims);
	}

	/**
	 * A token validly signed by the issuer's RSA key whose header marks an unknown
	 * extension, {@value #UNKNOWN_CRITICAL_PARAMETER}, critical; RFC 7515 §4.1.11
	 * requires rejecting it.
	 * @param issuer the issuer whose RSA key signs
	 * @param claims the claims
	 * @return the token
	 */
	public static String withCritHeader(TestJwtIssuer issuer, JWTClaimsSet claims) {
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
			.keyID(issuer.rsaKey().getKeyID())
			.criticalParams(Set.of(UNKNOWN_CRITICAL_PARAMETER))
			.customParam(UNKNOWN_CRITICAL_PARAMETER, true)
			.build();
		return issuer.sign(header, claims);
	}

	/**
	 * A token signed RS256 by a freshly generated key that no JWKS contains, under the
	 * issuer's RSA kid: it looks like the issuer's but the signature does not verify.
	 * @param issuer the issuer to impersonate
	 * @param claims the claims
	 * @return the token
	 */
	public static String signedByUnknownKey(TestJwtIssuer issuer, JWTClaimsSet claims) {
		try {
			RSAKey impostor = new RSAKeyGenerator(2048).keyID(issuer.rsaKey().getKeyID()).generate();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
				.keyID(impostor.getKeyID())
				.build(), claims);
			jwt.sign(new RSASSASigner(impostor));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign the test token", ex);
		}
	}

	private static Base64URL[] split(String token) {
		try {
			Base64URL[] parts = JOSEObject.split(token);
			if (parts.length != 3) {
				throw new IllegalArgumentException("Expected a compact JWS with three parts, got " + parts.length);
			}
			return parts;
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("Not a compact JWS: " + ex.getMessage(), ex);
		}
	}

}
