package dev.foundation.benchmarks;

import java.text.ParseException;
import java.time.Duration;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.foundation.benchmarks.JwtChains.FoundationChain;
import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.test.auth.CustomTokens;
import dev.foundation.test.auth.MalformedTokens;
import dev.foundation.test.auth.TestJwtIssuer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Fails the trial before measuring unless both sides accept the benchmark's token for the
 * right reasons and reject forged ones: a decoder that skipped the signature, or a chain
 * that failed before reaching the decoder, would be fast and meaningless. Also pins down
 * the claims the foundation checks and the bare decoder does not ({@code iss},
 * {@code aud}), so that the difference in work is the one documented.
 */
final class JwtSetupCheck {

	/** The e-mail claim of the benchmark's token. */
	static final String EMAIL = "jane.doe@example.com";

	/** The role claim of the benchmark's token. */
	static final String ROLE = "admin";

	private final TestJwtIssuer issuer;

	JwtSetupCheck(TestJwtIssuer issuer) {
		this.issuer = issuer;
	}

	/**
	 * Tokens like the benchmark's, valid for hours so that no trial outlives them.
	 * @param subject the user id
	 * @return the token builder
	 */
	CustomTokens tokens(String subject) {
		return this.issuer.custom()
			.user(subject)
			.audience(JwtChains.AUDIENCE)
			.email(EMAIL)
			.roles(ROLE)
			.expiresIn(Duration.ofHours(8));
	}

	JwtSetupCheck verify(String token, String subject, JwtDecoder bare, FoundationChain foundation) {
		Jwt jwt = bare.decode(token);
		expect(subject.equals(jwt.getSubject()), "the bare decoder read sub=" + jwt.getSubject());
		FoundationPrincipal principal = foundation.authenticate(token);
		expect(subject.equals(principal.userId()) && EMAIL.equals(principal.email())
				&& principal.roles().equals(Set.of(ROLE)) && this.issuer.baseUrl().equals(principal.issuer()),
				"the foundation mapped " + principal);
		String forged = MalformedTokens.withPayloadReplaced(token, tokens("mallory").claims());
		String unknownKey = signedByAnotherKey(token, tokens(subject).claims());
		for (String rejected : new String[] { forged, unknownKey }) {
			expectRejectedByBare(bare, rejected);
			expectRejectedByFoundation(foundation, rejected, "a token with a signature that does not verify");
		}
		expectRejectedByFoundation(foundation,
				this.issuer.custom("https://untrusted.example").user(subject).audience(JwtChains.AUDIENCE).token(),
				"a token of an untrusted issuer");
		expectRejectedByFoundation(foundation, tokens(subject).audience("another-api").token(),
				"a token for another audience");
		return this;
	}

	// Same header (alg, typ, kid if any) as the token, so the key is selected and only
	// the signature fails.
	private static String signedByAnotherKey(String token, JWTClaimsSet claims) {
		try {
			var jwt = new SignedJWT(SignedJWT.parse(token).getHeader(), claims);
			jwt.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));
			return jwt.serialize();
		}
		catch (ParseException | JOSEException ex) {
			throw new IllegalStateException("Could not sign the impostor token", ex);
		}
	}

	private static void expectRejectedByBare(JwtDecoder bare, String token) {
		try {
			bare.decode(token);
		}
		catch (JwtException ex) {
			return;
		}
		throw new IllegalStateException("The bare decoder accepted a token with a signature that does not verify");
	}

	private static void expectRejectedByFoundation(FoundationChain foundation, String token, String what) {
		try {
			foundation.authenticate(token);
		}
		catch (AuthenticationException ex) {
			return;
		}
		throw new IllegalStateException("The foundation chain accepted " + what);
	}

	private static void expect(boolean condition, String what) {
		if (!condition) {
			throw new IllegalStateException("The benchmark's token was not read as expected: " + what);
		}
	}

}
