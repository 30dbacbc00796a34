package dev.foundation.test.auth;

import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * One generation of an issuer's key pairs: RSA 2048 (kid {@code test-rsa-N}) and EC P-256
 * (kid {@code test-ec-N}).
 * <p>
 * The RSA key carries no {@code alg} so that one key can verify RS256, RS384, RS512 and
 * PS256 (a JWK with an {@code alg} only matches headers with that algorithm); the EC key
 * carries {@code ES256}, as Supabase publishes it.
 */
record SigningKeys(RSAKey rsa, ECKey ec) {

	private static final int RSA_KEY_SIZE = 2048;

	static SigningKeys generate(int generation) {
		try {
			RSAKey rsa = new RSAKeyGenerator(RSA_KEY_SIZE).keyID("test-rsa-" + generation)
				.keyUse(KeyUse.SIGNATURE)
				.generate();
			ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("test-ec-" + generation)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.ES256)
				.generate();
			return new SigningKeys(rsa, ec);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate test signing keys", ex);
		}
	}

	/**
	 * The public halves, as served at the JWKS endpoints.
	 */
	JWKSet publicJwkSet() {
		return new JWKSet(List.of(this.rsa, this.ec)).toPublicJWKSet();
	}

	// A record's toString would print the private keys.
	@Override
	public String toString() {
		return "SigningKeys[" + this.rsa.getKeyID() + ", " + this.ec.getKeyID() + "]";
	}

}
