package dev.foundation.tenancy.resolution;

import java.util.Map;
import java.util.UUID;

import dev.foundation.core.error.BadRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.foundation.tenancy.resolution.TestRequests.principal;
import static dev.foundation.tenancy.resolution.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The built-in resolvers: how each names a tenant, and what each ignores or rejects.
 */
class TenantResolversTests {

	private static final TenantRequest NO_HEADERS = request("/api/v1/things", Map.of());

	private final ClaimTenantResolver claim = new ClaimTenantResolver();

	private final HeaderTenantResolver header = new HeaderTenantResolver("X-Tenant-Id", 200);

	private final SubdomainTenantResolver subdomain = new SubdomainTenantResolver("example.com", 300);

	@Test
	void claimWithUuidNamesTenantById() {
		UUID id = UUID.randomUUID();

		assertThat(this.claim.resolve(NO_HEADERS, principal("user_1", id.toString())))
			.contains(TenantCandidate.byId(id));
	}

	@Test
	void claimWithOrganizationIdNamesTenantByProviderExternalId() {
		assertThat(this.claim.resolve(NO_HEADERS, principal("user_1", "org_2abc")))
			.contains(TenantCandidate.byExternalId(InMemoryTenantDirectory.ISSUER, "org_2abc").fromToken());
	}

	@Test
	void claimWithUuidLookalikeIsExternalId() {
		// UUID.fromString would accept this and name an unrelated tenant.
		assertThat(this.claim.resolve(NO_HEADERS, principal("user_1", "1-2-3-4-5")))
			.contains(TenantCandidate.byExternalId(InMemoryTenantDirectory.ISSUER, "1-2-3-4-5").fromToken());
	}

	@Test
	void tokenWithoutTenantNamesNone() {
		assertThat(this.claim.resolve(NO_HEADERS, principal("user_1", null))).isEmpty();
		assertThat(this.claim.resolve(NO_HEADERS, principal("user_1", " "))).isEmpty();
	}

	@Test
	void headerWithUuidNamesTenantById() {
		UUID id = UUID.randomUUID();

		assertThat(this.header.resolve(request("/api", Map.of("x-tenant-id", id.toString().toUpperCase())),
				principal("user_1", null)))
			.contains(TenantCandidate.byId(id));
	}

	@Test
	void headerWithSlugNamesTenantBySlug() {
		assertThat(this.header.resolve(request("/api", Map.of("X-Tenant-Id", " acme ")), principal("user_1", null)))
			.contains(TenantCandidate.bySlug("acme"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "123e4567-e89b-12d3-a456-42661417400Z", "Acme", "acme corp", "-acme", "a",
			"'; drop table tenants; --" })
	void headerThatIsNeitherUuidNorSlugIsBadRequest(String value) {
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(
					() -> this.header.resolve(request("/api", Map.of("X-Tenant-Id", value)), principal("user_1", null)))
			.withMessage("X-Tenant-Id must be a tenant id (a UUID) or a tenant slug");
	}

	@Test
	void missingHeaderNamesNone() {
		assertThat(this.header.resolve(NO_HEADERS, principal("user_1", null))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\t", "  \t  " })
	void emptyTenantHeaderIsABadRequestNotNoTenant(String value) {
		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(
					() -> this.header.resolve(request("/api", Map.of("X-Tenant-Id", value)), principal("user_1", null)))
			.withMessage("X-Tenant-Id must not be empty; leave the header out to name no tenant");
	}

	@Test
	void subdomainOfBaseDomainNamesTenantBySlug() {
		assertThat(this.subdomain.resolve(request("Acme.Example.com.", "/api", Map.of(), Map.of()),
				principal("user_1", null)))
			.contains(TenantCandidate.bySlug("acme"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "example.com", "a.b.example.com", "acme.example.org", "acmeexample.com", "localhost",
			"x.example.com" })
	void hostsOutsideOneLabelUnderBaseDomainNameNone(String host) {
		assertThat(this.subdomain.resolve(request(host, "/api", Map.of(), Map.of()), principal("user_1", null)))
			.isEmpty();
	}

	@Test
	void resolversCarryTheirOrder() {
		assertThat(this.claim.getOrder()).isEqualTo(ClaimTenantResolver.DEFAULT_ORDER);
		assertThat(this.header.getOrder()).isEqualTo(200);
		assertThat(new ClaimTenantResolver(5).getOrder()).isEqualTo(5);
	}

}
