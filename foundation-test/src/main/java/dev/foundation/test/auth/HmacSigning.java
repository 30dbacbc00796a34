package dev.foundation.test.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * HS256 signing with a shared secret, for legacy Supabase projects, HMAC custom issuers
 * and key-confusion attacks.
 */
final class HmacSigning {

	private HmacSigning() {
	}

	static String sign(byte[] secret, JWTClaimsSet claims) {
		return sign(secret, new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
	}

	static String sign(byte[] secret, JWSHeader header, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(header, claims);
			jwt.sign(new MACSigner(secret));
			return jwt.serialize();
		}
		catch (KeyLengthException ex) {
			throw new IllegalArgumentException(
					"An HS256 secret must be at least 32 bytes (256 bits); this one has " + secret.length, ex);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign the test token", ex);
		}
	}

}
