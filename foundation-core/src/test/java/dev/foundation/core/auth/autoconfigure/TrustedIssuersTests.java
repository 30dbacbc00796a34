package dev.foundation.core.auth.autoconfigure;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.core.auth.jwt.ClaimsPrincipalMapper;
import dev.foundation.core.auth.jwt.ClerkPrincipalMapper;
import dev.foundation.core.auth.jwt.JwksSettings;
import dev.foundation.core.auth.jwt.JwtDecoderFactory;
import dev.foundation.core.auth.jwt.SupabasePrincipalMapper;
import dev.foundation.core.auth.jwt.TrustedIssuer;
import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.test.auth.MalformedTokens;
import dev.foundation.test.auth.TestJwtIssuer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code foundation.auth.*} to trusted issuers: each provider and key source yields an
 * issuer that accepts its own tokens (and only those), and every unsafe or incomplete
 * setting stops startup naming the exact property.
 */
@ExtendWith(OutputCaptureExtension.class)
class TrustedIssuersTests {

	private static final String SECRET = "a-legacy-jwt-secret-of-at-least-32-bytes!";

	private static final String OTHER_SECRET = "another-secret-that-is-also-32-bytes-long";

	private final TestJwtIssuer tokens = TestJwtIssuer.start();

	private final AuthProperties properties = new AuthProperties();

	@TempDir
	Path temp;

	@AfterEach
	void closeIssuer() {
		this.tokens.close();
	}

	@Test
	void noIssuerConfiguredYieldsNoIssuers() {
		assertThat(create()).isEmpty();
	}

	@Test
	void supabaseUrlBecomesIssuerUnderAuthV1() {
		this.properties.getSupabase().setUrl(URI.create(this.tokens.baseUrl()));
		TrustedIssuer issuer = single();
		assertThat(issuer.name()).isEqualTo("supabase");
		assertThat(issuer.provider()).isEqualTo(AuthProvider.SUPABASE);
		assertThat(issuer.issuer()).isEqualTo(this.tokens.baseUrl() + "/auth/v1");
		assertThat(issuer.mapper()).isInstanceOf(SupabasePrincipalMapper.class);
		Jwt jwt = issuer.decoder().decode(this.tokens.supabase().tenantId("acme").roles("admin").token());
		FoundationPrincipal principal = issuer.mapper().map(jwt);
		assertThat(principal.tenantId()).isEqualTo("acme");
		assertThat(principal.roles()).containsExactly("admin");
	}

	@Test
	void supabaseUrlTrailingSlashIsIgnored() {
		this.properties.getSupabase().setUrl(URI.create(this.tokens.baseUrl() + "/"));
		TrustedIssuer issuer = single();
		assertThat(issuer.issuer()).isEqualTo(this.tokens.baseUrl() + "/auth/v1");
		assertThat(issuer.decoder().decode(this.tokens.supabase().token()).getSubject()).isNotBlank();
	}

	@Test
	void supabaseAcceptsEs256AndRs256ButNotHs256WithoutLegacySecret() {
		this.properties.getSupabase().setUrl(URI.create(this.tokens.baseUrl()));
		TrustedIssuer issuer = single();
		assertThat(issuer.decoder().decode(this.tokens.supabase().token()).getSubject()).isNotBlank();
		assertThat(issuer.decoder().decode(this.tokens.supabase().signedWith(JWSAlgorithm.RS256).token()).getSubject())
			.isNotBlank();
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> issuer.decoder().decode(this.tokens.supabase().signedWithSecret(SECRET).token()));
	}

	@Test
	void supabaseRequiresTheAuthenticatedAudience() {
		this.properties.getSupabase().setUrl(URI.create(this.tokens.baseUrl()));
		TrustedIssuer issuer = single();
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> issuer.decoder().decode(this.tokens.supabase().audience("anon").token()));
	}

	@Test
	void supabaseRejectsAnonymousUsersUnlessAllowed() {
		this.properties.getSupabase().setUrl(URI.create(this.tokens.baseUrl()));
		String anonymous = this.tokens.supabase().anonymous().token();
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> single().decoder().decode(anonymous));
		this.properties.getSupabase().setAllowAnonymous(true);
		assertThat(single().decoder().decode(anonymous).getClaims()).containsEntry("is_anonymous", true);
	}

	@Test
	void supabaseClaimPathsComeFromProperties() {
		this.properties.getSupabase().setUrl(URI.create(this.tokens.baseUrl()));
		this.properties.getSupabase().setTenantIdClaim("app_metadata.org");
		this.properties.getSupabase().setRolesClaim("app_metadata.groups");
		TrustedIssuer issuer = single();
		FoundationPrincipal principal = issuer.mapper()
			.map(issuer.decoder()
				.decode(this.tokens.supabase().appMetadata("org", "o-7").appMetadata("groups", "editor").token()));
		assertThat(principal.tenantId()).isEqualTo("o-7");
		assertThat(principal.roles()).containsExactly("editor");
	}

	@Test
	void supabaseLegacySecretAcceptsHs256AndKeepsAsymmetricTokens() {
		this.properties.getSupabase().setUrl(URI.create(this.tokens.baseUrl()));
		this.properties.getSupabase().setJwtSecret(SECRET);
		TrustedIssuer issuer = single();
		assertThat(issuer.decoder().decode(this.tokens.supabase().signedWithSecret(SECRET).token()).getSubject())
			.isNotBlank();
		assertThat(issuer.decoder().decode(this.tokens.supabase().token()).getSubject()).isNotBlank();
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> issuer.decoder().decode(this.tokens.supabase().signedWithSecret(OTHER_SECRET).token()));
	}

	@Test
	void supabaseJwtSecretShorterThan256BitsStopsStartup() {
		this.properties.getSupabase().setUrl(URI.create("https://abcd.supabase.co"));
		this.properties.getSupabase().setJwtSecret("only-31-bytes-long-secret-value");
		assertThat("only-31-bytes-long-secret-value").hasSize(31);
		assertInvalid("foundation.auth.supabase.jwt-secret").satisfies(
				(ex) -> assertThat(ex).hasMessageContaining("248 bits").hasMessageNotContaining("only-31-bytes"));
	}

	@Test
	void supabaseJwtSecretWithoutUrlStopsStartup() {
		this.properties.getSupabase().setJwtSecret(SECRET);
		assertInvalid("foundation.auth.supabase.url");
	}

	@Test
	void supabaseNonHttpUrlStopsStartup() {
		this.properties.getSupabase().setUrl(URI.create("ftp://abcd.supabase.co"));
		assertInvalid("foundation.auth.supabase.url");
	}

	@Test
	void supabaseRelativeUrlStopsStartup() {
		this.properties.getSupabase().setUrl(URI.create("abcd.supabase.co"));
		assertInvalid("foundation.auth.supabase.url");
	}

	@Test
	void clerkIssuerIsTakenAsIsWithoutTrailingSlash() {
		this.properties.getClerk().setIssuer(URI.create(this.tokens.baseUrl() + "/"));
		TrustedIssuer issuer = single();
		assertThat(issuer.name()).isEqualTo("clerk");
		assertThat(issuer.provider()).isEqualTo(AuthProvider.CLERK);
		assertThat(issuer.issuer()).isEqualTo(this.tokens.baseUrl());
		assertThat(issuer.mapper()).isInstanceOf(ClerkPrincipalMapper.class);
		FoundationPrincipal principal = issuer.mapper()
			.map(issuer.decoder().decode(this.tokens.clerk().organization("org_1", "admin", "acme").token()));
		assertThat(principal.tenantId()).isEqualTo("org_1");
		assertThat(principal.roles()).containsExactly("admin");
	}

	@Test
	void clerkAcceptsOnlyAuthorizedParties() {
		this.properties.getClerk().setIssuer(URI.create(this.tokens.baseUrl()));
		this.properties.getClerk().setAuthorizedParties(List.of("https://app.example.com"));
		TrustedIssuer issuer = single();
		assertThat(issuer.decoder()
			.decode(this.tokens.clerk().authorizedParty("https://app.example.com").token())
			.getSubject()).startsWith("user_");
		assertThatExceptionOfType(JwtException.class).isThrownBy(
				() -> issuer.decoder().decode(this.tokens.clerk().authorizedParty("https://evil.example.com").token()));
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> issuer.decoder().decode(this.tokens.clerk().authorizedParty(null).token()));
	}

	@Test
	void clerkWithoutAuthorizedPartiesWarnsThatTokensForAnyOriginAreAccepted(CapturedOutput output) {
		this.properties.getClerk().setIssuer(URI.create(this.tokens.baseUrl()));
		single();
		assertThat(output).contains("WARN").contains("foundation.auth.clerk.authorized-parties is empty");
	}

	@Test
	void clerkWithAuthorizedPartiesDoesNotWarn(CapturedOutput output) {
		this.properties.getClerk().setIssuer(URI.create(this.tokens.baseUrl()));
		this.properties.getClerk().setAuthorizedParties(List.of("https://app.example.com"));
		single();
		assertThat(output).doesNotContain("authorized-parties is empty");
	}

	@Test
	void clerkAcceptsOnlyRs256() {
		this.properties.getClerk().setIssuer(URI.create(this.tokens.baseUrl()));
		TrustedIssuer issuer = single();
		String es256 = this.tokens.sign(JWSAlgorithm.ES256, this.tokens.clerk().claims());
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> issuer.decoder().decode(es256));
	}

	@Test
	void clerkRoleMappingComesFromProperties() {
		this.properties.getClerk().setIssuer(URI.create(this.tokens.baseUrl()));
		this.properties.getClerk().getRoleMapping().put("org:billing", "finance");
		TrustedIssuer issuer = single();
		FoundationPrincipal principal = issuer.mapper()
			.map(issuer.decoder().decode(this.tokens.clerk().organization("org_1", "billing", "acme").token()));
		assertThat(principal.roles()).containsExactly("finance");
	}

	@Test
	void clerkNonHttpIssuerStopsStartup() {
		this.properties.getClerk().setIssuer(URI.create("ftp://clerk.example.com"));
		assertInvalid("foundation.auth.clerk.issuer");
	}

	@Test
	void customJwkSetUriIssuer() {
		IssuerProperties internal = custom("internal");
		internal.setIssuer("https://auth.internal.example.com");
		internal.setJwkSetUri(this.tokens.jwksUri());
		internal.setAudienceCheck(IssuerProperties.AudienceCheck.REQUIRED);
		internal.setAudiences(List.of("api"));
		internal.getClaims().setTenantId("tenant");
		internal.getClaims().setRoles("scope");
		TrustedIssuer issuer = single();
		assertThat(issuer.name()).isEqualTo("internal");
		assertThat(issuer.provider()).isEqualTo(AuthProvider.CUSTOM);
		assertThat(issuer.issuer()).isEqualTo("https://auth.internal.example.com");
		assertThat(issuer.mapper()).isInstanceOf(ClaimsPrincipalMapper.class);
		String token = this.tokens.custom("https://auth.internal.example.com")
			.audience("api")
			.claim("tenant", "t-1")
			.claim("scope", "read write")
			.token();
		FoundationPrincipal principal = issuer.mapper().map(issuer.decoder().decode(token));
		assertThat(principal.tenantId()).isEqualTo("t-1");
		assertThat(principal.roles()).containsExactlyInAnyOrder("read", "write");
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> issuer.decoder()
			.decode(this.tokens.custom("https://auth.internal.example.com").audience("other").token()));
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> issuer.decoder().decode(this.tokens.custom("https://elsewhere.example.com").token()));
	}

	@Test
	void customIssuerAcceptsRs256AndEs256ByDefault() {
		IssuerProperties internal = custom("internal");
		internal.setIssuer("internal");
		internal.setJwkSetUri(this.tokens.jwksUri());
		TrustedIssuer issuer = single();
		assertThat(issuer.decoder().decode(this.tokens.custom("internal").token()).getSubject()).isNotBlank();
		assertThat(issuer.decoder()
			.decode(this.tokens.custom("internal").signedWith(JWSAlgorithm.ES256).token())
			.getSubject()).isNotBlank();
		assertThatExceptionOfType(JwtException.class).isThrownBy(
				() -> issuer.decoder().decode(this.tokens.custom("internal").signedWith(JWSAlgorithm.PS256).token()));
	}

	@Test
	void customAlgorithmsRestrictWhatIsAccepted() {
		IssuerProperties internal = custom("internal");
		internal.setIssuer("internal");
		internal.setJwkSetUri(this.tokens.jwksUri());
		internal.setAlgorithms(List.of("ES256"));
		TrustedIssuer issuer = single();
		assertThat(issuer.decoder()
			.decode(this.tokens.custom("internal").signedWith(JWSAlgorithm.ES256).token())
			.getSubject()).isNotBlank();
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> issuer.decoder().decode(this.tokens.custom("internal").token()));
	}

	@Test
	void customIssuerUriIsDiscoveredAndDefaultsTheIssuer() {
		// The issuer is the issuer-uri exactly as written (OIDC Discovery 4.3), so
		// Auth0's trailing slash survives.
		custom("oidc").setIssuerUri(URI.create(this.tokens.baseUrl()));
		TrustedIssuer issuer = single();
		assertThat(issuer.issuer()).isEqualTo(this.tokens.baseUrl());
		assertThat(this.tokens.jwksRequestCount()).isZero();
		assertThat(issuer.decoder().decode(this.tokens.custom().user("alice").token()).getSubject()).isEqualTo("alice");
		assertThat(this.tokens.jwksRequestCount()).isEqualTo(1);
	}

	@Test
	void customExplicitIssuerWinsOverIssuerUri() {
		IssuerProperties oidc = custom("oidc");
		oidc.setIssuerUri(URI.create(this.tokens.baseUrl()));
		oidc.setIssuer(this.tokens.baseUrl() + "/");
		assertThat(single().issuer()).isEqualTo(this.tokens.baseUrl() + "/");
	}

	@Test
	void customHmacSecretIssuer() {
		IssuerProperties legacy = custom("legacy");
		legacy.setIssuer("legacy-monolith");
		legacy.setHmacSecret(SECRET);
		legacy.setAudienceCheck(IssuerProperties.AudienceCheck.REQUIRED);
		legacy.setAudiences(List.of("crm"));
		TrustedIssuer issuer = single();
		assertThat(issuer.decoder()
			.decode(this.tokens.custom("legacy-monolith").audience("crm").signedWithSecret(SECRET).token())
			.getSubject()).isNotBlank();
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> issuer.decoder()
			.decode(this.tokens.custom("legacy-monolith").audience("crm").signedWithSecret(OTHER_SECRET).token()));
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> issuer.decoder().decode(this.tokens.custom("legacy-monolith").audience("crm").token()));
	}

	@Test
	void customHmacSecretWithExplicitHs512() throws Exception {
		IssuerProperties legacy = custom("legacy");
		legacy.setIssuer("legacy-monolith");
		legacy.setHmacSecret(SECRET + SECRET);
		legacy.setAlgorithms(List.of("HS512"));
		TrustedIssuer issuer = single();
		String hs512 = sign(JWSAlgorithm.HS512, new MACSigner((SECRET + SECRET).getBytes(StandardCharsets.UTF_8)),
				"legacy-monolith");
		assertThat(issuer.decoder().decode(hs512).getSubject()).isEqualTo("partner-user");
		// An HS256 token signed with the right secret is not accepted when only HS512 is
		// configured.
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> issuer.decoder()
			.decode(this.tokens.custom("legacy-monolith").signedWithSecret(SECRET + SECRET).token()));
	}

	@Test
	void customRsaPublicKeyFromPemFile() throws Exception {
		KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
		Path pem = this.temp.resolve("partner.pub");
		Files.writeString(pem, pem(keys.getPublic()), StandardCharsets.US_ASCII);
		IssuerProperties partner = custom("partner");
		partner.setIssuer("https://partner.example.com");
		partner.setPublicKey(new FileSystemResource(pem));
		TrustedIssuer issuer = single();
		String token = sign(JWSAlgorithm.RS256, new RSASSASigner(keys.getPrivate()), "https://partner.example.com");
		assertThat(issuer.decoder().decode(token).getSubject()).isEqualTo("partner-user");
		KeyPair other = KeyPairGenerator.getInstance("RSA").generateKeyPair();
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> issuer.decoder()
			.decode(sign(JWSAlgorithm.RS256, new RSASSASigner(other.getPrivate()), "https://partner.example.com")));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> issuer.decoder()
			.decode(MalformedTokens.hs256SignedWithPublicKey(pem(keys.getPublic()).getBytes(StandardCharsets.US_ASCII),
					null, claims("https://partner.example.com"))));
	}

	@Test
	void customEcPublicKeyFromPemResource() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair keys = generator.generateKeyPair();
		IssuerProperties partner = custom("partner");
		partner.setIssuer("https://partner.example.com");
		partner.setPublicKey(new ByteArrayResource(pem(keys.getPublic()).getBytes(StandardCharsets.US_ASCII)));
		TrustedIssuer issuer = single();
		String token = sign(JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) keys.getPrivate()),
				"https://partner.example.com");
		assertThat(issuer.decoder().decode(token).getSubject()).isEqualTo("partner-user");
	}

	@Test
	void customWithoutKeySourceStopsStartup() {
		custom("internal").setIssuer("https://auth.internal.example.com");
		assertInvalid("foundation.auth.issuers.internal")
			.satisfies((ex) -> assertThat(ex).hasMessageContaining("no key source"));
	}

	@Test
	void customWithTwoKeySourcesStopsStartup() {
		IssuerProperties internal = custom("internal");
		internal.setIssuer("https://auth.internal.example.com");
		internal.setJwkSetUri(URI.create("https://auth.internal.example.com/keys"));
		internal.setHmacSecret(SECRET);
		assertInvalid("foundation.auth.issuers.internal")
			.satisfies((ex) -> assertThat(ex).hasMessageContaining("more than one key source"));
	}

	@Test
	void customWithoutIssuerStopsStartup() {
		custom("internal").setJwkSetUri(URI.create("https://auth.internal.example.com/keys"));
		assertInvalid("foundation.auth.issuers.internal.issuer");
	}

	@Test
	void customHmacSecretShorterThan256BitsStopsStartup() {
		IssuerProperties legacy = custom("legacy");
		legacy.setIssuer("legacy-monolith");
		legacy.setHmacSecret("too-short");
		assertInvalid("foundation.auth.issuers.legacy.hmac-secret")
			.satisfies((ex) -> assertThat(ex).hasMessageNotContaining("too-short"));
	}

	@Test
	void customHmacSecretWithRs256StopsStartup() {
		IssuerProperties legacy = custom("legacy");
		legacy.setIssuer("legacy-monolith");
		legacy.setHmacSecret(SECRET);
		legacy.setAlgorithms(List.of("RS256"));
		assertInvalid("foundation.auth.issuers.legacy.algorithms");
	}

	@Test
	void customHmacSecretWithTwoAlgorithmsStopsStartup() {
		IssuerProperties legacy = custom("legacy");
		legacy.setIssuer("legacy-monolith");
		legacy.setHmacSecret(SECRET);
		legacy.setAlgorithms(List.of("HS256", "HS512"));
		assertInvalid("foundation.auth.issuers.legacy.algorithms");
	}

	@Test
	void customKeySetWithHs256StopsStartup() {
		IssuerProperties internal = custom("internal");
		internal.setIssuer("internal");
		internal.setJwkSetUri(URI.create("https://auth.internal.example.com/keys"));
		internal.setAlgorithms(List.of("RS256", "HS256"));
		assertInvalid("foundation.auth.issuers.internal.algorithms");
	}

	@Test
	void customPublicKeyWithHs256StopsStartup() throws Exception {
		IssuerProperties partner = custom("partner");
		partner.setIssuer("partner");
		partner
			.setPublicKey(new ByteArrayResource(pem(KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic())
				.getBytes(StandardCharsets.US_ASCII)));
		partner.setAlgorithms(List.of("HS256"));
		assertInvalid("foundation.auth.issuers.partner.algorithms");
	}

	@Test
	void unknownAlgorithmNameStopsStartup() {
		IssuerProperties internal = custom("internal");
		internal.setIssuer("internal");
		internal.setJwkSetUri(URI.create("https://auth.internal.example.com/keys"));
		internal.setAlgorithms(List.of("RS257"));
		assertInvalid("foundation.auth.issuers.internal.algorithms")
			.satisfies((ex) -> assertThat(ex).hasMessageContaining("RS257"));
	}

	@Test
	void noneAlgorithmStopsStartup() {
		IssuerProperties internal = custom("internal");
		internal.setIssuer("internal");
		internal.setJwkSetUri(URI.create("https://auth.internal.example.com/keys"));
		internal.setAlgorithms(List.of("none"));
		assertInvalid("foundation.auth.issuers.internal.algorithms");
	}

	@Test
	void nonHttpJwkSetUriStopsStartup() {
		IssuerProperties internal = custom("internal");
		internal.setIssuer("internal");
		internal.setJwkSetUri(URI.create("ftp://auth.internal.example.com/keys"));
		assertInvalid("foundation.auth.issuers.internal.jwk-set-uri");
	}

	@Test
	void nonHttpIssuerUriStopsStartup() {
		custom("oidc").setIssuerUri(URI.create("file:///etc/issuer"));
		assertInvalid("foundation.auth.issuers.oidc.issuer-uri");
	}

	@Test
	void issuerWithoutAudiencesWouldAcceptTokensMintedForOtherApplicationsSoStartupFails() {
		IssuerProperties partner = customWithDefaults("partner");
		partner.setIssuer(this.tokens.baseUrl());
		partner.setJwkSetUri(this.tokens.jwksUri());
		assertInvalid("foundation.auth.issuers.partner.audiences").hasMessageContaining("any other application");
	}

	@Test
	void audienceCheckDisabledOnPurposeAcceptsAnyAudience() {
		IssuerProperties partner = customWithDefaults("partner");
		partner.setIssuer(this.tokens.baseUrl());
		partner.setJwkSetUri(this.tokens.jwksUri());
		partner.setAudienceCheck(IssuerProperties.AudienceCheck.DISABLED);
		TrustedIssuer issuer = single();
		assertThat(issuer.decoder().decode(this.tokens.custom().audience("anything").token()).getSubject()).isNotNull();
		partner.setAudiences(List.of("api"));
		assertInvalid("foundation.auth.issuers.partner.audience-check");
	}

	@Test
	void idTokenOfTheSameIssuerIsRefusedWhereAccessTokensAreRequired() {
		IssuerProperties partner = customWithDefaults("partner");
		partner.setIssuer(this.tokens.baseUrl());
		partner.setJwkSetUri(this.tokens.jwksUri());
		partner.setAudiences(List.of("api"));
		partner.setRequireAccessTokenType(true);
		TrustedIssuer issuer = single();
		JWTClaimsSet claims = this.tokens.custom().audience("api").claims();
		// An ID token: same issuer, same key, same audience (the client id), typed JWT or
		// untyped.
		for (JOSEObjectType type : new JOSEObjectType[] { JOSEObjectType.JWT, null }) {
			String idToken = this.tokens.sign(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.tokens.rsaKey().getKeyID()).type(type).build(),
					claims);
			assertThatExceptionOfType(JwtException.class).as(String.valueOf(type))
				.isThrownBy(() -> issuer.decoder().decode(idToken))
				.withMessageContaining("not an access token");
		}
		for (String type : List.of("at+jwt", "application/at+jwt", "AT+JWT", "Application/At+Jwt")) {
			String accessToken = this.tokens
				.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.tokens.rsaKey().getKeyID())
					.type(new JOSEObjectType(type))
					.build(), claims);
			assertThat(issuer.decoder().decode(accessToken).getSubject()).as(type).isNotNull();
		}
	}

	@Test
	void withoutTheAccessTokenRequirementTokensTypedJwtOrUntypedStillPass() {
		IssuerProperties partner = custom("partner");
		partner.setIssuer(this.tokens.baseUrl());
		partner.setJwkSetUri(this.tokens.jwksUri());
		JWTClaimsSet claims = this.tokens.custom().claims();
		TrustedIssuer issuer = single();
		for (String type : List.of("JWT", "application/jwt", "at+jwt")) {
			String token = this.tokens
				.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.tokens.rsaKey().getKeyID())
					.type(new JOSEObjectType(type))
					.build(), claims);
			assertThat(issuer.decoder().decode(token).getSubject()).as(type).isNotNull();
		}
		String other = this.tokens.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.tokens.rsaKey().getKeyID())
			.type(new JOSEObjectType("logout+jwt"))
			.build(), claims);
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> issuer.decoder().decode(other));
	}

	@Test
	void keySetOverPlainHttpToANetworkHostIsRefusedAtStartup() {
		IssuerProperties partner = custom("partner");
		partner.setIssuer("https://partner.example.com");
		partner.setJwkSetUri(URI.create("http://partner.example.com/jwks.json"));
		assertInvalid("foundation.auth.issuers.partner.jwk-set-uri").hasMessageContaining("plain http");
	}

	@Test
	void discoveryOverPlainHttpToANetworkAddressIsRefusedAtStartup() {
		custom("oidc").setIssuerUri(URI.create("http://10.0.0.8/realms/main"));
		assertInvalid("foundation.auth.issuers.oidc.issuer-uri");
	}

	@Test
	void supabaseOverPlainHttpToANetworkHostIsRefusedAtStartup() {
		this.properties.getSupabase().setUrl(URI.create("http://abcd.supabase.co"));
		assertInvalid("foundation.auth.supabase.url");
	}

	@Test
	void clerkOverPlainHttpToANetworkHostIsRefusedAtStartup() {
		this.properties.getClerk().setIssuer(URI.create("http://clerk.example.com"));
		assertInvalid("foundation.auth.clerk.issuer");
	}

	@Test
	void hostNamesThatOnlyLookLoopbackAreRefused() {
		for (String url : List.of("http://127.0.0.1.evil.example.com/jwks", "http://localhost.evil.example.com/jwks",
				"http://128.0.0.1/jwks", "http://[::2]/jwks")) {
			IssuerProperties partner = custom("partner");
			partner.setIssuer("partner");
			partner.setJwkSetUri(URI.create(url));
			assertInvalid("foundation.auth.issuers.partner.jwk-set-uri").as(url);
		}
	}

	@Test
	void plainHttpToLoopbackHostsIsAllowedForLocalDevelopment() {
		for (String url : List.of("http://localhost:9999/jwks", "http://127.0.0.1/jwks", "http://127.8.9.10/jwks",
				"http://[::1]:8080/jwks", "HTTP://LOCALHOST/jwks")) {
			this.properties.getIssuers().clear();
			IssuerProperties partner = custom("partner");
			partner.setIssuer("partner");
			partner.setJwkSetUri(URI.create(url));
			assertThat(create()).as(url).hasSize(1);
		}
	}

	@Test
	void unreadablePublicKeyStopsStartup() {
		IssuerProperties partner = custom("partner");
		partner.setIssuer("partner");
		partner.setPublicKey(new FileSystemResource(this.temp.resolve("missing.pub")));
		assertInvalid("foundation.auth.issuers.partner.public-key");
	}

	@Test
	void garbagePublicKeyStopsStartup() {
		IssuerProperties partner = custom("partner");
		partner.setIssuer("partner");
		partner.setPublicKey(new ByteArrayResource(
				"-----BEGIN PUBLIC KEY-----\nthis is not base64!\n-----END PUBLIC KEY-----\n".getBytes()));
		assertInvalid("foundation.auth.issuers.partner.public-key");
	}

	@Test
	void pemThatIsNoPublicKeyStopsStartup() {
		IssuerProperties partner = custom("partner");
		partner.setIssuer("partner");
		String notAKey = Base64.getMimeEncoder().encodeToString("definitely not a SubjectPublicKeyInfo".getBytes());
		partner.setPublicKey(new ByteArrayResource(
				("-----BEGIN PUBLIC KEY-----\n" + notAKey + "\n-----END PUBLIC KEY-----\n").getBytes()));
		assertInvalid("foundation.auth.issuers.partner.public-key");
	}

	@Test
	void twoIssuersWithTheSameIssStopStartup() {
		this.properties.getSupabase().setUrl(URI.create("https://abcd.supabase.co"));
		IssuerProperties copy = custom("copy");
		copy.setIssuer("https://abcd.supabase.co/auth/v1");
		copy.setJwkSetUri(URI.create("https://abcd.supabase.co/auth/v1/.well-known/jwks.json"));
		assertInvalid("foundation.auth")
			.satisfies((ex) -> assertThat(ex).hasMessageContaining("'supabase'").hasMessageContaining("'copy'"));
	}

	@Test
	void twoCustomIssuersWithTheSameIssStopStartup() {
		for (String name : List.of("first", "second")) {
			IssuerProperties issuer = custom(name);
			issuer.setIssuer("https://auth.example.com");
			issuer.setJwkSetUri(URI.create("https://auth.example.com/keys"));
		}
		assertInvalid("foundation.auth");
	}

	@Test
	void severalIssuersAreTrustedTogetherInOrder() {
		this.properties.getSupabase().setUrl(URI.create(this.tokens.baseUrl()));
		this.properties.getClerk().setIssuer(URI.create(this.tokens.baseUrl()));
		IssuerProperties legacy = custom("legacy");
		legacy.setIssuer("legacy-monolith");
		legacy.setHmacSecret(SECRET);
		assertThat(create()).extracting(TrustedIssuer::name).containsExactly("supabase", "clerk", "legacy");
	}

	// Most tests here are about other settings: their issuers accept any audience on
	// purpose.
	private IssuerProperties custom(String name) {
		return this.properties.getIssuers().computeIfAbsent(name, (key) -> {
			IssuerProperties issuer = new IssuerProperties();
			issuer.setAudienceCheck(IssuerProperties.AudienceCheck.DISABLED);
			return issuer;
		});
	}

	private IssuerProperties customWithDefaults(String name) {
		return this.properties.getIssuers().computeIfAbsent(name, (key) -> new IssuerProperties());
	}

	private List<TrustedIssuer> create() {
		JwksSettings settings = new JwksSettings(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30),
				Duration.ofHours(1), Duration.ofMillis(500), Duration.ofMillis(500), 1);
		JwtDecoderFactory decoders = new JwtDecoderFactory(settings, RetryRegistry.ofDefaults(),
				CircuitBreakerRegistry.ofDefaults());
		return new TrustedIssuers(this.properties, decoders, Clock.systemUTC()).create();
	}

	private TrustedIssuer single() {
		List<TrustedIssuer> issuers = create();
		assertThat(issuers).hasSize(1);
		return issuers.get(0);
	}

	private AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(String property) {
		Throwable thrown = catchThrowable(this::create);
		assertThat(thrown).isInstanceOf(InvalidFoundationPropertyException.class);
		InvalidFoundationPropertyException invalid = (InvalidFoundationPropertyException) thrown;
		assertThat(invalid.getProperty()).as(invalid.getMessage()).isEqualTo(property);
		return assertThat(invalid);
	}

	private static String pem(PublicKey key) {
		return "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
	}

	private static JWTClaimsSet claims(String issuer) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(issuer)
			.subject("partner-user")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.build();
	}

	private static String sign(JWSAlgorithm algorithm, JWSSigner signer, String issuer) throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(),
				claims(issuer));
		jwt.sign(signer);
		return jwt.serialize();
	}

}
