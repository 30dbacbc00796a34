package dev.foundation.core.auth.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.FoundationAuthentication;
import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.test.auth.TestJwtIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each provider's token, shaped as the provider issues it and decoded as the application
 * decodes it, becomes the same {@link FoundationPrincipal}.
 */
class PrincipalMappersTests {

	private final TestJwtIssuer issuer = TestJwtIssuer.start();

	private final NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(this.issuer.jwksUri().toString())
		.jwsAlgorithm(SignatureAlgorithm.RS256)
		.jwsAlgorithm(SignatureAlgorithm.ES256)
		.build();

	private final SupabasePrincipalMapper supabase = new SupabasePrincipalMapper("app_metadata.tenant_id",
			"app_metadata.roles");

	private final ClerkPrincipalMapper clerk = new ClerkPrincipalMapper(
			Map.of("org:admin", "admin", "org:member", "member"));

	private final ClaimsPrincipalMapper custom = new ClaimsPrincipalMapper("sub", "email", "tenant_id", "roles");

	@AfterEach
	void closeIssuer() {
		this.issuer.close();
	}

	@Test
	void supabaseTokenBecomesPrincipalWithTenantAndRolesFromAppMetadata() {
		FoundationPrincipal principal = this.supabase.map(decode(this.issuer.supabase()
			.user("5f0c1a5e-0000-4000-8000-000000000001")
			.email("ada@example.com")
			.tenantId("acme")
			.roles("admin", "member")
			.token()));
		assertThat(principal.userId()).isEqualTo("5f0c1a5e-0000-4000-8000-000000000001");
		assertThat(principal.provider()).isEqualTo(AuthProvider.SUPABASE);
		assertThat(principal.issuer()).isEqualTo(this.issuer.baseUrl() + "/auth/v1");
		assertThat(principal.email()).isEqualTo("ada@example.com");
		assertThat(principal.tenantId()).isEqualTo("acme");
		assertThat(principal.roles()).containsExactlyInAnyOrder("admin", "member");
		assertThat(principal.factorVerifiedAt()).isNull();
		assertThat(principal.claims()).containsKeys("session_id", "app_metadata", "user_metadata", "role");
		assertThat(principal.getName()).isEqualTo(principal.userId());
	}

	@Test
	void supabaseRolesGivenAsOneString() {
		FoundationPrincipal principal = this.supabase
			.map(decode(this.issuer.supabase().appMetadata("roles", "admin").token()));
		assertThat(principal.roles()).containsExactly("admin");
	}

	@Test
	void supabaseWithoutTenantOrRoles() {
		FoundationPrincipal principal = this.supabase.map(decode(this.issuer.supabase().token()));
		assertThat(principal.tenantId()).isNull();
		assertThat(principal.tenant()).isEmpty();
		assertThat(principal.roles()).isEmpty();
	}

	@Test
	void supabaseUserMetadataIsNeverTrustedForTenantOrRoles() {
		FoundationPrincipal principal = this.supabase.map(decode(this.issuer.supabase()
			.userMetadata("tenant_id", "victim")
			.userMetadata("roles", List.of("admin"))
			.token()));
		assertThat(principal.tenantId()).isNull();
		assertThat(principal.roles()).isEmpty();
		assertThat(principal.hasRole("admin")).isFalse();
	}

	@Test
	void supabaseCustomClaimPaths() {
		SupabasePrincipalMapper mapper = new SupabasePrincipalMapper("app_metadata.org.id", "app_metadata.groups");
		FoundationPrincipal principal = mapper.map(decode(this.issuer.supabase()
			.appMetadata("org", Map.of("id", "org-42", "name", "Acme"))
			.appMetadata("groups", List.of("editor", "viewer"))
			.tenantId("ignored")
			.token()));
		assertThat(principal.tenantId()).isEqualTo("org-42");
		assertThat(principal.roles()).containsExactlyInAnyOrder("editor", "viewer");
	}

	@Test
	void supabaseTokenWithoutSubjectIsBad() {
		Jwt jwt = decode(this.issuer.supabase().claim("sub", null).token());
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.supabase.map(jwt));
	}

	@Test
	void supabaseEmptyEmailBecomesNull() {
		FoundationPrincipal principal = this.supabase.map(decode(this.issuer.supabase().anonymous().token()));
		assertThat(principal.email()).isNull();
	}

	@Test
	void clerkV2TokenBecomesPrincipalWithActiveOrganization() {
		FoundationPrincipal principal = this.clerk
			.map(decode(this.issuer.clerk().user("user_2abc").organization("org_2xyz", "admin", "acme").token()));
		assertThat(principal.userId()).isEqualTo("user_2abc");
		assertThat(principal.provider()).isEqualTo(AuthProvider.CLERK);
		assertThat(principal.issuer()).isEqualTo(this.issuer.baseUrl());
		assertThat(principal.tenantId()).isEqualTo("org_2xyz");
		assertThat(principal.roles()).containsExactly("admin");
		assertThat(principal.claims()).containsEntry("v", 2L).containsKey("o");
	}

	@Test
	void clerkV1TokenBecomesPrincipalWithActiveOrganization() {
		FoundationPrincipal principal = this.clerk
			.map(decode(this.issuer.clerk().version(1).organization("org_1abc", "admin", "acme").token()));
		assertThat(principal.tenantId()).isEqualTo("org_1abc");
		assertThat(principal.roles()).containsExactly("admin");
		assertThat(principal.claims()).containsEntry("org_role", "org:admin").doesNotContainKey("o");
	}

	@Test
	void clerkMemberRoleIsMapped() {
		assertThat(this.clerk.map(decode(this.issuer.clerk().organization("org_1", "member", "acme").token())).roles())
			.containsExactly("member");
		assertThat(
				this.clerk.map(decode(this.issuer.clerk().version(1).organization("org_1", "member", "acme").token()))
					.roles())
			.containsExactly("member");
	}

	@Test
	void clerkUnmappedRoleLosesItsOrgPrefix() {
		assertThat(this.clerk.map(decode(this.issuer.clerk().organization("org_1", "billing", "acme").token())).roles())
			.containsExactly("billing");
		assertThat(
				this.clerk.map(decode(this.issuer.clerk().version(1).organization("org_1", "billing", "acme").token()))
					.roles())
			.containsExactly("billing");
	}

	@Test
	void clerkRoleMappingIsConfigurable() {
		ClerkPrincipalMapper mapper = new ClerkPrincipalMapper(Map.of("org:billing", "finance"));
		assertThat(mapper.map(decode(this.issuer.clerk().organization("org_1", "billing", "acme").token())).roles())
			.containsExactly("finance");
		assertThat(mapper.map(decode(this.issuer.clerk().organization("org_1", "admin", "acme").token())).roles())
			.containsExactly("admin");
	}

	@Test
	void clerkTokenWithoutOrganizationHasNoTenant() {
		FoundationPrincipal v2 = this.clerk.map(decode(this.issuer.clerk().token()));
		assertThat(v2.tenantId()).isNull();
		assertThat(v2.roles()).isEmpty();
		FoundationPrincipal v1 = this.clerk.map(decode(this.issuer.clerk().version(1).token()));
		assertThat(v1.tenantId()).isNull();
		assertThat(v1.roles()).isEmpty();
	}

	@Test
	void clerkFvaBecomesFactorVerifiedAt() {
		Instant issuedAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		FoundationPrincipal principal = this.clerk
			.map(decode(this.issuer.clerk().issuedAt(issuedAt).factorVerified(30, 5).token()));
		assertThat(principal.factorVerifiedAt()).isEqualTo(issuedAt.minus(Duration.ofMinutes(5)));
		assertThat(principal.secondFactorVerifiedWithin(Duration.ofMinutes(10), issuedAt)).isTrue();
		assertThat(principal.secondFactorVerifiedWithin(Duration.ofMinutes(5), issuedAt)).isTrue();
		assertThat(principal.secondFactorVerifiedWithin(Duration.ofMinutes(2), issuedAt)).isFalse();
		assertThat(principal.secondFactorVerifiedWithin(Duration.ofMinutes(10), issuedAt.plus(Duration.ofMinutes(6))))
			.isFalse();
	}

	@Test
	void clerkFvaWithoutSecondFactorIsNull() {
		FoundationPrincipal principal = this.clerk.map(decode(this.issuer.clerk().factorVerified(3, -1).token()));
		assertThat(principal.factorVerifiedAt()).isNull();
		assertThat(principal.secondFactorVerifiedWithin(Duration.ofDays(365), Instant.now())).isFalse();
	}

	@Test
	void clerkWithoutFvaIsNull() {
		FoundationPrincipal principal = this.clerk.map(decode(this.issuer.clerk().claim("fva", null).token()));
		assertThat(principal.factorVerifiedAt()).isNull();
	}

	@Test
	void clerkTokenWithoutSubjectIsBad() {
		Jwt jwt = decode(this.issuer.clerk().claim("sub", null).token());
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.clerk.map(jwt));
	}

	@Test
	void customTokenWithDefaultClaims() {
		FoundationPrincipal principal = this.custom.map(decode(this.issuer.custom()
			.user("u-1")
			.email("ada@example.com")
			.tenantId("acme")
			.roles("admin", "member")
			.token()));
		assertThat(principal.userId()).isEqualTo("u-1");
		assertThat(principal.provider()).isEqualTo(AuthProvider.CUSTOM);
		assertThat(principal.issuer()).isEqualTo(this.issuer.baseUrl());
		assertThat(principal.email()).isEqualTo("ada@example.com");
		assertThat(principal.tenantId()).isEqualTo("acme");
		assertThat(principal.roles()).containsExactlyInAnyOrder("admin", "member");
		assertThat(principal.factorVerifiedAt()).isNull();
	}

	@Test
	void customSpaceSeparatedRoles() {
		ClaimsPrincipalMapper mapper = new ClaimsPrincipalMapper("sub", "email", null, "scope");
		FoundationPrincipal principal = mapper
			.map(decode(this.issuer.custom().claim("scope", " read  write admin ").token()));
		assertThat(principal.roles()).containsExactlyInAnyOrder("read", "write", "admin");
	}

	@Test
	void customNestedTenantPath() {
		ClaimsPrincipalMapper mapper = new ClaimsPrincipalMapper("sub", "email", "org.tenant.id", "roles");
		FoundationPrincipal principal = mapper.map(decode(this.issuer.custom()
			.claim("org", Map.of("tenant", Map.of("id", "t-9")))
			.tenantId("top-level")
			.token()));
		assertThat(principal.tenantId()).isEqualTo("t-9");
	}

	@Test
	void customNestedPathThroughNonObjectIsAbsent() {
		ClaimsPrincipalMapper mapper = new ClaimsPrincipalMapper("sub", "email", "org.tenant.id", "roles");
		FoundationPrincipal principal = mapper.map(decode(this.issuer.custom().claim("org", "flat").token()));
		assertThat(principal.tenantId()).isNull();
	}

	@Test
	void customNumericUserId() {
		ClaimsPrincipalMapper mapper = new ClaimsPrincipalMapper("uid", "email", null, "roles");
		FoundationPrincipal principal = mapper.map(decode(this.issuer.custom().claim("uid", 12345).token()));
		assertThat(principal.userId()).isEqualTo("12345");
	}

	@Test
	void customNumericTenantId() {
		FoundationPrincipal principal = this.custom.map(decode(this.issuer.custom().claim("tenant_id", 7).token()));
		assertThat(principal.tenantId()).isEqualTo("7");
	}

	@Test
	void customWithoutTenantClaimConfiguredHasNoTenant() {
		ClaimsPrincipalMapper mapper = new ClaimsPrincipalMapper("sub", "email", null, "roles");
		assertThat(mapper.map(decode(this.issuer.custom().tenantId("acme").token())).tenantId()).isNull();
	}

	@Test
	void customTokenWithoutUserIdIsBad() {
		ClaimsPrincipalMapper mapper = new ClaimsPrincipalMapper("uid", "email", null, "roles");
		Jwt jwt = decode(this.issuer.custom().token());
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> mapper.map(jwt)).withMessageContaining("uid");
		Jwt blank = decode(this.issuer.custom().claim("uid", "  ").token());
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> mapper.map(blank));
	}

	@Test
	void rolesBecomeRoleAuthoritiesAndThePrincipalIsTheAuthenticationsPrincipal() {
		TrustedIssuer trusted = new TrustedIssuer("supabase", AuthProvider.SUPABASE, this.issuer.baseUrl() + "/auth/v1",
				this.decoder, this.supabase);
		AuthenticationManager manager = trusted.authenticationManager();
		Authentication authentication = manager.authenticate(new BearerTokenAuthenticationToken(
				this.issuer.supabase().user("u-7").roles("admin", "member").token()));
		assertThat(authentication).isInstanceOf(FoundationAuthentication.class);
		assertThat(authentication.isAuthenticated()).isTrue();
		assertThat(authentication.getName()).isEqualTo("u-7");
		assertThat(authentication.getPrincipal()).isInstanceOf(FoundationPrincipal.class);
		assertThat(authentication.getCredentials()).isInstanceOf(Jwt.class);
		assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("ROLE_admin", "ROLE_member");
	}

	@Test
	void missingSubjectFailsAuthenticationAsInvalidToken() {
		AuthenticationManager manager = new TrustedIssuer("supabase", AuthProvider.SUPABASE,
				this.issuer.baseUrl() + "/auth/v1", this.decoder, this.supabase)
			.authenticationManager();
		BearerTokenAuthenticationToken token = new BearerTokenAuthenticationToken(
				this.issuer.supabase().claim("sub", null).token());
		assertThatExceptionOfType(InvalidBearerTokenException.class).isThrownBy(() -> manager.authenticate(token));
	}

	@Test
	void principalToStringLeavesOutClaims() {
		FoundationPrincipal principal = this.supabase
			.map(decode(this.issuer.supabase().email("ada@example.com").phone("+4930123456").token()));
		assertThat(principal.toString()).contains(principal.userId())
			.doesNotContain("ada@example.com")
			.doesNotContain("+4930123456");
	}

	private Jwt decode(String token) {
		return this.decoder.decode(token);
	}

}
