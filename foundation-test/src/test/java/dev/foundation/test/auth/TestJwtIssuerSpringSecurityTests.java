package dev.foundation.test.auth;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The kit against Spring Security's own decoders, configured as an application would
 * configure them: proof that its tokens, JWKS and discovery document are what real
 * verifiers expect, and that its malformed tokens are rejected.
 */
class TestJwtIssuerSpringSecurityTests {

	private final TestJwtIssuer issuer = TestJwtIssuer.start();

	@AfterEach
	void closeIssuer() {
		this.issuer.close();
	}

	@Test
	void supabaseTokenDecodesWithJwkSetUriDecoder() {
		Jwt jwt = supabaseDecoder().decode(this.issuer.supabase().tenantId("acme").roles("admin").token());
		assertThat(jwt.getIssuer()).hasToString(this.issuer.baseUrl() + "/auth/v1");
		assertThat(jwt.getAudience()).containsExactly("authenticated");
		assertThat(jwt.getClaimAsMap("app_metadata")).containsEntry("tenant_id", "acme")
			.containsEntry("roles", List.of("admin"));
	}

	@Test
	void clerkTokenDecodesWithJwkSetUriDecoder() {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(this.issuer.jwksUri().toString()).build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(this.issuer.baseUrl()));
		Jwt jwt = decoder.decode(this.issuer.clerk().organization("org_1", "admin", "acme").token());
		assertThat(jwt.getClaimAsMap("o")).isEqualTo(Map.of("id", "org_1", "rol", "admin", "slg", "acme"));
	}

	@Test
	void customTokenDecodesThroughOpenIdDiscovery() {
		JwtDecoder decoder = JwtDecoders.fromIssuerLocation(this.issuer.baseUrl());
		assertThat(decoder.decode(this.issuer.custom().user("alice").token()).getSubject()).isEqualTo("alice");
		assertThat(decoder.decode(this.issuer.custom().signedWith(JWSAlgorithm.ES256).token()).getSubject())
			.isNotBlank();
	}

	@Test
	void malformedTokensAreRejected() {
		JwtDecoder decoder = supabaseDecoder();
		String valid = this.issuer.supabase().token();
		JWTClaimsSet claims = this.issuer.supabase().claims();
		List<String> malformed = List.of(MalformedTokens.unsigned(claims),
				MalformedTokens.hs256SignedWithPublicKey(this.issuer.rsaKey(), claims),
				MalformedTokens.withPayloadReplaced(valid, this.issuer.supabase().roles("admin").claims()),
				MalformedTokens.truncated(valid), MalformedTokens.threeEmptySegments(),
				MalformedTokens.oversized(16_384), MalformedTokens.withKid(this.issuer, "../../etc/passwd", claims),
				MalformedTokens.withCritHeader(this.issuer, claims),
				MalformedTokens.signedByUnknownKey(this.issuer, claims),
				this.issuer.supabase().signedWithSecret("a-legacy-secret-the-app-does-not-trust!!").token());
		assertThat(decoder.decode(valid).getSubject()).isNotBlank();
		for (String token : malformed) {
			assertThatExceptionOfType(JwtException.class).as(token).isThrownBy(() -> decoder.decode(token));
		}
	}

	@Test
	void jwksOutageFailsDecodingUntilServedAgain() {
		String token = this.issuer.supabase().token();
		this.issuer.setJwksAvailable(false);
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> supabaseDecoder().decode(token));
		this.issuer.setJwksAvailable(true);
		assertThat(supabaseDecoder().decode(token).getSubject()).isNotBlank();
	}

	private NimbusJwtDecoder supabaseDecoder() {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(this.issuer.supabaseJwksUri().toString())
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.build();
		OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
				(aud) -> aud != null && aud.contains("authenticated"));
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(this.issuer.baseUrl() + "/auth/v1"), audience));
		return decoder;
	}

}
