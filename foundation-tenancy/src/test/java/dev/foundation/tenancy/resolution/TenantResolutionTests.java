package dev.foundation.tenancy.resolution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.core.auth.UserIdentity;
import dev.foundation.core.error.ForbiddenException;
import dev.foundation.core.error.NotFoundException;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.foundation.tenancy.resolution.TestRequests.principal;
import static dev.foundation.tenancy.resolution.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link TenantResolution}'s decisions, against a directory in memory.
 */
@ExtendWith(OutputCaptureExtension.class)
class TenantResolutionTests {

	private static final String API = "/api/v1/contacts";

	private final InMemoryTenantDirectory directory = new InMemoryTenantDirectory();

	private final MutableClock clock = new MutableClock();

	private final List<TenantResolver> resolvers = new ArrayList<>(
			List.of(new ClaimTenantResolver(), new HeaderTenantResolver("X-Tenant-Id", 200)));

	private boolean provisioning;

	private TenantResolution resolution() {
		return new TenantResolution(this.resolvers, this.directory,
				new TenantRequiredPaths(List.of("/api/**"), List.of("/api/v1/me")), this.provisioning,
				TestTenantCaches.inProcess(Duration.ofSeconds(30), this.clock::nanos));
	}

	@Test
	void claimNamingLinkedOrganizationResolvesTenantAndMembership() {
		Tenant acme = this.directory.create("acme", "Acme", "user_1");
		this.directory.linkExternalId(acme.id(), AuthProvider.CLERK, "org_1");

		Optional<ResolvedTenant> resolved = resolution().resolve(request(API, Map.of()), principal("user_1", "org_1"));

		assertThat(resolved).hasValueSatisfying((result) -> {
			assertThat(result.tenant()).isEqualTo(acme);
			assertThat(result.membership().role()).isEqualTo(TenantRole.OWNER);
		});
	}

	@Test
	void claimWithTenantIdResolvesById() {
		Tenant acme = this.directory.create("acme", "Acme", "user_1");

		assertThat(resolution().resolve(request(API, Map.of()), principal("user_1", acme.id().toString())))
			.hasValueSatisfying((result) -> assertThat(result.tenant()).isEqualTo(acme));
	}

	@Test
	void headerOfMemberResolves() {
		Tenant acme = this.directory.create("acme", "Acme", "owner");
		this.directory.grant(acme.id(), "user_1", TenantRole.VIEWER);

		assertThat(resolution().resolve(request(API, Map.of("X-Tenant-Id", "acme")), principal("user_1", null)))
			.hasValueSatisfying((result) -> assertThat(result.membership().role()).isEqualTo(TenantRole.VIEWER));
	}

	@Test
	void headerOfNonMemberIsForbiddenAndLogged(CapturedOutput output) {
		Tenant acme = this.directory.create("acme", "Acme", "owner");

		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> resolution().resolve(request(API, Map.of("X-Tenant-Id", acme.id().toString())),
					principal("mallory", null)))
			.withMessage("You are not a member of this tenant");
		assertThat(output).contains("Refused X-Tenant-Id of user mallory (" + InMemoryTenantDirectory.ISSUER
				+ "): not a member of tenant " + acme.id());
	}

	@Test
	void claimOfNonMemberIsForbidden() {
		Tenant acme = this.directory.create("acme", "Acme", "owner");

		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> resolution().resolve(request(API, Map.of()), principal("user_2", acme.id().toString())));
	}

	@Test
	void unknownTenantIsNotFound() {
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(
				() -> resolution().resolve(request(API, Map.of("X-Tenant-Id", "nobody")), principal("user_1", null)))
			.withMessage("No tenant is known by the slug of the X-Tenant-Id header");
	}

	@Test
	void suspendedTenantIsForbiddenToItsMembers() {
		Tenant acme = this.directory.create("acme", "Acme", "user_1");
		this.directory.suspend(acme.id());

		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> resolution().resolve(request(API, Map.of()), principal("user_1", acme.id().toString())))
			.withMessage("This tenant is suspended");
	}

	@Test
	void suspensionIsNotRevealedToNonMembers() {
		Tenant acme = this.directory.create("acme", "Acme", "owner");
		this.directory.suspend(acme.id());

		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(
					() -> resolution().resolve(request(API, Map.of("X-Tenant-Id", "acme")), principal("user_1", null)))
			.withMessage("You are not a member of this tenant");
	}

	@Test
	void noTenantOnRequiredPathIsTenantRequired() {
		assertThatExceptionOfType(TenantRequiredException.class)
			.isThrownBy(() -> resolution().resolve(request(API, Map.of()), principal("user_1", null)))
			.satisfies((ex) -> {
				assertThat(ex.getType()).isEqualTo("tenant-required");
				assertThat(ex.getStatus().value()).isEqualTo(400);
				assertThat(ex.getTitle()).isEqualTo("Tenant required");
			});
	}

	@Test
	void noTenantElsewhereIsNoTenant() {
		assertThat(resolution().resolve(request("/api/v1/me", Map.of()), principal("user_1", null))).isEmpty();
		assertThat(resolution().resolve(request("/actuator/health", Map.of()), principal("user_1", null))).isEmpty();
	}

	@Test
	void headerNamingAnotherTenantThanTheTokenIsForbidden(CapturedOutput output) {
		Tenant acme = this.directory.create("acme", "Acme", "user_1");
		Tenant other = this.directory.create("other", "Other", "user_1");

		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> resolution().resolve(request(API, Map.of("X-Tenant-Id", other.id().toString())),
					principal("user_1", acme.id().toString())))
			.withMessage("The X-Tenant-Id header names another tenant than the token's organization");
		assertThat(output).contains("Refused tenant " + other.id() + " named by the X-Tenant-Id header to user user_1 ("
				+ InMemoryTenantDirectory.ISSUER + "): the token names another tenant");
	}

	@Test
	void headerNamingUnknownTenantNextToTokenIsForbidden() {
		Tenant acme = this.directory.create("acme", "Acme", "user_1");

		assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> resolution()
			.resolve(request(API, Map.of("X-Tenant-Id", "nobody")), principal("user_1", acme.id().toString())));
	}

	@Test
	void headerRepeatingTheTokensTenantInAnotherFormIsAccepted() {
		Tenant acme = this.directory.create("acme", "Acme", "user_1");
		this.directory.linkExternalId(acme.id(), AuthProvider.CLERK, "org_1");

		assertThat(resolution().resolve(request(API, Map.of("X-Tenant-Id", "acme")), principal("user_1", "org_1")))
			.hasValueSatisfying((result) -> assertThat(result.tenant()).isEqualTo(acme));
	}

	@Test
	void unknownOrganizationIsNotFoundWithoutProvisioning() {
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> resolution().resolve(request(API, Map.of()), principal("user_1", "org_new", "admin")));
		assertThat(this.directory.provisions).hasValue(0);
	}

	@Test
	void unknownOrganizationIsProvisionedWithTheTokensRoleWhenEnabled() {
		this.provisioning = true;
		FoundationPrincipal principal = principal(AuthProvider.CLERK, "user_1", "org_new",
				Map.of("o", Map.of("id", "org_new", "rol", "admin", "slg", "new-co")), "admin");

		Optional<ResolvedTenant> resolved = resolution().resolve(request(API, Map.of()), principal);

		assertThat(resolved).hasValueSatisfying((result) -> {
			assertThat(result.tenant().slug()).isEqualTo("new-co");
			assertThat(result.membership().role()).isEqualTo(TenantRole.ADMIN);
		});
		assertThat(this.directory.provisions).hasValue(1);
		assertThat(this.directory.lastProvisionedRole).isEqualTo(TenantRole.ADMIN);
	}

	@Test
	void provisionedCallerWithoutRoleIsMember() {
		this.provisioning = true;
		FoundationPrincipal principal = principal(AuthProvider.CLERK, "user_1", "org_new", Map.of("org_slug", "co"));

		resolution().resolve(request(API, Map.of()), principal);

		assertThat(this.directory.lastProvisionedRole).isEqualTo(TenantRole.MEMBER);
		assertThat(this.directory.lastSlugHint).isEqualTo("co");
	}

	@Test
	void headerNeverProvisions() {
		this.provisioning = true;

		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> resolution()
			.resolve(request(API, Map.of("X-Tenant-Id", "new-co")), principal("user_1", null, "admin")));
		assertThat(this.directory.provisions).hasValue(0);
	}

	@Test
	void apiKeyIsMemberOfItsOwnTenantWithItsRoles() {
		Tenant acme = this.directory.create("acme", "Acme", "owner");
		FoundationPrincipal key = principal(AuthProvider.API_KEY, "apikey:1", acme.id().toString(), Map.of(), "member");

		TenantResolution resolution = resolution();
		for (int i = 0; i < 3; i++) {
			assertThat(resolution.resolve(request(API, Map.of()), key))
				.hasValueSatisfying((result) -> assertThat(result.membership().role()).isEqualTo(TenantRole.MEMBER));
		}
		// No membership row can exist for a key (and misses are not cached): none is
		// looked up, on any request.
		assertThat(this.directory.membershipLookups).hasValue(0);
	}

	@Test
	void apiKeyCannotSwitchTenantWithTheHeader() {
		Tenant acme = this.directory.create("acme", "Acme", "owner");
		this.directory.create("other", "Other", "owner");
		FoundationPrincipal key = principal(AuthProvider.API_KEY, "apikey:1", acme.id().toString(), Map.of(), "member");

		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> resolution().resolve(request(API, Map.of("X-Tenant-Id", "other")), key));
	}

	@Test
	void foundTenantAndMembershipAreCachedUntilTheirTimeToLive() {
		Tenant acme = this.directory.create("acme", "Acme", "user_1");
		TenantResolution resolution = resolution();
		TenantRequest request = request(API, Map.of("X-Tenant-Id", "acme"));

		resolution.resolve(request, principal("user_1", null));
		resolution.resolve(request, principal("user_1", null));
		// The slug, then the tenant by id (looked up under the version seen before the
		// lookup, see TenantResolutionCache).
		assertThat(this.directory.lookups).hasValue(2);
		assertThat(this.directory.membershipLookups).hasValue(1);

		this.clock.advance(Duration.ofSeconds(31));
		resolution.resolve(request, principal("user_1", null));
		assertThat(this.directory.lookups).hasValue(4);
		assertThat(this.directory.membershipLookups).hasValue(2);
		assertThat(acme.slug()).isEqualTo("acme");
	}

	@Test
	void missesAreNotCached() {
		TenantResolution resolution = resolution();
		TenantRequest request = request(API, Map.of("X-Tenant-Id", "later"));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> resolution.resolve(request, principal("user_1", null)));

		this.directory.create("later", "Later", "user_1");

		assertThat(resolution.resolve(request, principal("user_1", null))).isPresent();
	}

	@Test
	void clearingTheCacheLooksUpAgain() {
		Tenant acme = this.directory.create("acme", "Acme", "user_1");
		TenantResolution resolution = resolution();
		TenantRequest request = request(API, Map.of("X-Tenant-Id", "acme"));
		resolution.resolve(request, principal("user_1", null));
		this.directory.suspend(acme.id());

		resolution.clearCache();

		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> resolution.resolve(request, principal("user_1", null)));
	}

	@Test
	void firstResolverInOrderWins() {
		Tenant acme = this.directory.create("acme", "Acme", "user_1");
		this.directory.create("other", "Other", "user_1");
		this.resolvers.add(0,
				(request, principal) -> Optional.ofNullable(request.parameter("to"))
					.filter("+15550100"::equals)
					.map((number) -> TenantCandidate.bySlug("acme")));

		assertThat(resolution().resolve(request("api.example.com", API, Map.of(), Map.of("to", "+15550100")),
				principal("user_1", null)))
			.hasValueSatisfying((result) -> assertThat(result.tenant()).isEqualTo(acme));
	}

	@Test
	void applicationResolverCannotSkipTheMembershipCheck() {
		this.directory.create("acme", "Acme", "owner");
		this.resolvers.add((request, principal) -> Optional.of(TenantCandidate.bySlug("acme")));

		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> resolution().resolve(request(API, Map.of()), principal("user_1", null)));
	}

	@Test
	void tokenAdminOfTenantAGetsNoRoleInTenantBNamedBySubdomainOrApplicationResolver() {
		Tenant a = this.directory.create("tenant-a", "A", "user_1");
		Tenant b = this.directory.create("tenant-b", "B", "owner");
		this.directory.grant(b.id(), "user_1", TenantRole.VIEWER);
		// The token's roles (admin) are the organization's in tenant A; they must not
		// reach tenant B.
		FoundationPrincipal adminOfA = principal("user_1", a.id().toString(), "admin");
		TenantRequest onSubdomainOfB = request("tenant-b.example.com", API, Map.of(), Map.of());
		List<TenantResolver> namingB = List.of(new SubdomainTenantResolver("example.com", 50),
				(request, principal) -> Optional.of(TenantCandidate.bySlug("tenant-b")));

		for (TenantResolver resolver : namingB) {
			this.resolvers.add(0, resolver);
			assertThatExceptionOfType(ForbiddenException.class)
				.isThrownBy(() -> resolution().resolve(onSubdomainOfB, adminOfA))
				.withMessage("This request is for another tenant than the token's organization");
			this.resolvers.remove(0);
		}
		// At its default order the subdomain comes after the token's claim; it may still
		// only repeat it.
		this.resolvers.add(new SubdomainTenantResolver("example.com", 300));
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> resolution().resolve(onSubdomainOfB, adminOfA))
			.withMessage("This request is for another tenant than the token's organization");
		// A subdomain that repeats the token's tenant is fine.
		assertThat(resolution().resolve(request("tenant-a.example.com", API, Map.of(), Map.of()), adminOfA))
			.hasValueSatisfying((resolved) -> assertThat(resolved.tenant()).isEqualTo(a));
	}

	@Test
	void applicationClaimResolverGetsProvisioningLikeTheBuiltInOne() {
		this.provisioning = true;
		FoundationPrincipal principal = principal(AuthProvider.CUSTOM, "user_1", null, Map.of("org", "org_x"), "admin");
		// The request's word for an organization never provisions.
		this.resolvers.set(0, (request, caller) -> Optional.of(TenantCandidate.byExternalId(caller.issuer(), "org_x")));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> resolution().resolve(request(API, Map.of()), principal));
		assertThat(this.directory.provisions).hasValue(0);

		// An application's own claim resolver replaces the built-in one.
		this.resolvers.set(0, (request, caller) -> Optional.ofNullable((String) caller.claims().get("org"))
			.map((organization) -> TenantCandidate.byExternalId(caller.issuer(), organization).fromToken()));
		Optional<ResolvedTenant> resolved = resolution().resolve(request(API, Map.of()), principal);

		assertThat(resolved).hasValueSatisfying((result) -> {
			assertThat(this.directory.findByExternalId(InMemoryTenantDirectory.ISSUER, "org_x"))
				.contains(result.tenant());
			assertThat(result.membership().role()).isEqualTo(TenantRole.ADMIN);
		});
		assertThat(this.directory.provisions).hasValue(1);
	}

	@Test
	void apiKeyWorksWithAnApplicationResolverOnlyInItsOwnTenant() {
		Tenant acme = this.directory.create("acme", "Acme", "owner");
		this.directory.create("other", "Other", "owner");
		this.resolvers.add(0,
				(request, principal) -> Optional.ofNullable(request.parameter("to")).map(TenantCandidate::bySlug));
		FoundationPrincipal key = principal(AuthProvider.API_KEY, "apikey:1", acme.id().toString(), Map.of(), "member");
		FoundationPrincipal keyOfNoTenant = principal(AuthProvider.API_KEY, "apikey:2", null, Map.of(), "admin");

		assertThat(resolution().resolve(request("api.example.com", API, Map.of(), Map.of("to", "acme")), key))
			.hasValueSatisfying((result) -> {
				assertThat(result.tenant()).isEqualTo(acme);
				assertThat(result.membership().role()).isEqualTo(TenantRole.MEMBER);
			});
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(
					() -> resolution().resolve(request("api.example.com", API, Map.of(), Map.of("to", "other")), key))
			.withMessage("This request is for another tenant than the token's organization");
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> resolution().resolve(request("api.example.com", API, Map.of(), Map.of("to", "acme")),
					keyOfNoTenant))
			.withMessage("This API key is not bound to this tenant");
		assertThat(this.directory.membershipLookups).hasValue(0);
	}

	@Test
	void organizationOfAnotherIssuerIsNotProvisionedForTheCaller() {
		this.provisioning = true;
		String otherIssuer = "https://other-issuer.example";
		Tenant theirs = this.directory.create("theirs", "Theirs", new UserIdentity(otherIssuer, "owner"));
		this.directory.linkExternalId(theirs.id(), otherIssuer, "org_x");
		FoundationPrincipal caller = principal(AuthProvider.CLERK, "user_1", "org_x",
				Map.of("o", Map.of("id", "org_x", "rol", "admin", "slg", "mine")), "admin");

		// The same organization id in the caller's own token names the caller's issuer's
		// organization, not theirs.
		assertThat(resolution().resolve(request(API, Map.of()), caller))
			.hasValueSatisfying((result) -> assertThat(result.tenant()).isNotEqualTo(theirs));
		assertThat(this.directory.membership(theirs.id(), caller.identity())).isEmpty();

		// An application's claim resolver naming the other issuer's organizations
		// provisions nothing, joins nothing.
		this.resolvers.add(0, (request, principal) -> Optional.ofNullable(request.parameter("org"))
			.map((organization) -> TenantCandidate.byExternalId(otherIssuer, organization).fromToken()));
		int provisioned = this.directory.provisions.get();
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> resolution()
			.resolve(request("api.example.com", API, Map.of(), Map.of("org", "org_new")), principal("user_1", null)));
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(() -> resolution().resolve(request("api.example.com", API, Map.of(), Map.of("org", "org_x")),
					principal("user_1", null)))
			.withMessage("You are not a member of this tenant");
		assertThat(this.directory.provisions).hasValue(provisioned);
		assertThat(this.directory.findByExternalId(otherIssuer, "org_new")).isEmpty();
		assertThat(this.directory.membership(theirs.id(), caller.identity())).isEmpty();
	}

	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		long nanos() {
			return this.now.getEpochSecond() * 1_000_000_000L + this.now.getNano();
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
