package dev.foundation.tenancy.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantDirectory;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.tenancy.resolution.CurrentTenant;
import dev.foundation.tenancy.resolution.TenantCandidate;
import dev.foundation.tenancy.resolution.TenantResolver;
import dev.foundation.test.FoundationTestServices;
import dev.foundation.test.auth.TestJwtIssuer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tenant resolution through the foundation's whole web stack: real tokens from a local
 * issuer through Spring Security, the resolution filter, the directory on a real
 * PostgreSQL, and problem+json refusals. Tests keep apart by random slugs, organization
 * ids and users.
 */
@SpringBootTest(classes = TenantResolutionIntegrationTests.TestApplication.class,
		properties = { "spring.main.banner-mode=off", "spring.jpa.hibernate.ddl-auto=none",
				"spring.flyway.enabled=false", "foundation.tenancy.provisioning.enabled=true",
				"foundation.tenancy.resolution.subdomain.enabled=true",
				"foundation.tenancy.resolution.subdomain.base-domain=example.test" })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class TenantResolutionIntegrationTests {

	private static final TestJwtIssuer issuer = TestJwtIssuer.start();

	static final Map<String, String> PHONE_NUMBERS = new ConcurrentHashMap<>();

	static final AtomicInteger slugLookups = new AtomicInteger();

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TenantDirectory tenants;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		// A fresh database, the test Redis and a Redis key prefix of this run (the
		// cache's Redis tier is on).
		FoundationTestServices.register(registry, "resolution");
		registry.add("foundation.auth.supabase.url", issuer::baseUrl);
		registry.add("foundation.auth.clerk.issuer", issuer::baseUrl);
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@Test
	void clerkOrganizationClaimResolvesLinkedTenantIntoContextAndMdc() throws Exception {
		String user = user();
		Tenant tenant = this.tenants.create(slug(), "Acme", clerkUser(user));
		String organization = "org_" + slug();
		this.tenants.linkExternalId(tenant.id(), clerkIssuer(), organization);

		this.mvc.perform(get("/api/v1/whoami").header("Authorization", bearer(clerk(user, organization, "member"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.tenant").value(tenant.slug()))
			.andExpect(jsonPath("$.role").value("owner"))
			.andExpect(jsonPath("$.context").value(tenant.id().toString()))
			.andExpect(jsonPath("$.mdc").value(tenant.id().toString()));
	}

	@Test
	void tenantIdClaimResolvesById() throws Exception {
		String user = UUID.randomUUID().toString();
		Tenant tenant = this.tenants.create(slug(), "Acme", supabaseUser(user));
		String token = issuer.supabase().user(user).tenantId(tenant.id().toString()).token();

		this.mvc.perform(get("/api/v1/whoami").header("Authorization", bearer(token)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.tenant").value(tenant.slug()));
	}

	@Test
	void headerOfMemberIsAcceptedBySlugAndById() throws Exception {
		String user = user();
		Tenant tenant = this.tenants.create(slug(), "Acme", clerkUser("owner_" + slug()));
		this.tenants.grant(tenant.id(), clerkUser(user), TenantRole.VIEWER);

		this.mvc.perform(api("/api/v1/whoami", user).header("X-Tenant-Id", tenant.slug()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.role").value("viewer"));
		this.mvc.perform(api("/api/v1/whoami", user).header("X-Tenant-Id", tenant.id().toString()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.tenant").value(tenant.slug()));
	}

	@Test
	void headerOfTenantWithoutMembershipIsForbiddenAndLogged(CapturedOutput output) throws Exception {
		String mallory = user();
		Tenant tenant = this.tenants.create(slug(), "Victim", clerkUser(user()));

		problem(this.mvc.perform(api("/api/v1/whoami", mallory).header("X-Tenant-Id", tenant.id().toString())), 403,
				"forbidden");
		assertThat(output).contains("Refused X-Tenant-Id of user " + clerkUser(mallory) + ": not a member of tenant "
				+ tenant.id() + " (requested '" + tenant.id() + "')");
	}

	@Test
	void tokenOfAnotherIssuerWithTheSameSubjectGetsNoneOfTheUsersTenants() throws Exception {
		// Both issuers are trusted; each chooses its subjects, so one can give out the
		// other's.
		String alice = UUID.randomUUID().toString();
		Tenant tenant = this.tenants.create(slug(), "Alice's", clerkUser(alice));
		this.mvc.perform(api("/api/v1/whoami", alice).header("X-Tenant-Id", tenant.id().toString()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.role").value("owner"));
		String impostor = bearer(issuer.supabase().user(alice).token());

		for (String named : new String[] { tenant.slug(), tenant.id().toString() }) {
			problem(this.mvc
				.perform(get("/api/v1/whoami").header("Authorization", impostor).header("X-Tenant-Id", named)), 403,
					"forbidden")
				.andExpect(jsonPath("$.detail").value("You are not a member of this tenant"));
		}
		problem(this.mvc.perform(get("/api/v1/whoami").header("Authorization",
				bearer(issuer.supabase().user(alice).tenantId(tenant.id().toString()).token()))), 403, "forbidden")
			.andExpect(jsonPath("$.detail").value("You are not a member of this tenant"));
	}

	@Test
	void malformedHeaderIsBadRequestAndUnknownSlugNotFound() throws Exception {
		String user = user();

		problem(this.mvc
			.perform(api("/api/v1/whoami", user).header("X-Tenant-Id", "123e4567-e89b-12d3-a456-42661417400Z")), 400,
				"bad-request");
		// Shaped like a slug, so looked up as one.
		problem(this.mvc.perform(api("/api/v1/whoami", user).header("X-Tenant-Id", "not-a-uuid")), 404, "not-found");
		problem(this.mvc.perform(api("/api/v1/whoami", user).header("X-Tenant-Id", UUID.randomUUID().toString())), 404,
				"not-found");
	}

	@Test
	void suspendedTenantIsForbidden() throws Exception {
		String user = user();
		Tenant tenant = this.tenants.create(slug(), "Gone", clerkUser(user));
		this.tenants.suspend(tenant.id());

		problem(this.mvc.perform(api("/api/v1/whoami", user).header("X-Tenant-Id", tenant.slug())), 403, "forbidden")
			.andExpect(jsonPath("$.detail").value("This tenant is suspended"));
	}

	@Test
	void requiredPathWithoutTenantIsTenantRequired() throws Exception {
		problem(this.mvc.perform(api("/api/v1/whoami", user())), 400, "tenant-required")
			.andExpect(jsonPath("$.title").value("Tenant required"));
	}

	@Test
	void excludedPathNeedsNoTenant() throws Exception {
		this.mvc.perform(api("/api/v1/me", user())).andExpect(status().isOk()).andExpect(content().string("none"));
	}

	@Test
	void headerNamingAnotherTenantThanTheTokenIsForbidden() throws Exception {
		String user = user();
		Tenant own = this.tenants.create(slug(), "Own", clerkUser(user));
		Tenant other = this.tenants.create(slug(), "Other", clerkUser(user));
		String organization = "org_" + slug();
		this.tenants.linkExternalId(own.id(), clerkIssuer(), organization);

		problem(this.mvc
			.perform(get("/api/v1/whoami").header("Authorization", bearer(clerk(user, organization, "admin")))
				.header("X-Tenant-Id", other.slug())), 403, "forbidden");
		this.mvc
			.perform(get("/api/v1/whoami").header("Authorization", bearer(clerk(user, organization, "admin")))
				.header("X-Tenant-Id", own.slug()))
			.andExpect(status().isOk());
	}

	@Test
	void subdomainNamesTheTenant() throws Exception {
		String user = user();
		Tenant tenant = this.tenants.create(slug(), "Sub", clerkUser(user));

		this.mvc
			.perform(get("http://" + tenant.slug() + ".example.test/api/v1/whoami").header("Authorization",
					bearer(issuer.clerk().user(user).token())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.tenant").value(tenant.slug()));
	}

	@Test
	void applicationResolverNamesTheTenant() throws Exception {
		String user = user();
		Tenant tenant = this.tenants.create(slug(), "Phones", clerkUser(user));
		String number = "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
		PHONE_NUMBERS.put(number, tenant.slug());

		this.mvc.perform(api("/api/v1/whoami", user).param("to", number))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.tenant").value(tenant.slug()));
	}

	@Test
	void firstRequestOfUnknownOrganizationProvisionsItsTenant() throws Exception {
		String user = user();
		String organization = "org_" + slug();
		String orgSlug = slug();

		this.mvc
			.perform(get("/api/v1/whoami").header("Authorization",
					bearer(issuer.clerk().user(user).organization(organization, "admin", orgSlug).token())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.tenant").value(orgSlug))
			.andExpect(jsonPath("$.role").value("admin"));
		Optional<Tenant> provisioned = this.tenants.findByExternalId(clerkIssuer(), organization);
		assertThat(provisioned).hasValueSatisfying((tenant) -> assertThat(tenant.slug()).isEqualTo(orgSlug));
		assertThat(this.tenants.membership(provisioned.get().id(), clerkUser(user)))
			.hasValueSatisfying((membership) -> assertThat(membership.role()).isEqualTo(TenantRole.ADMIN));
	}

	@Test
	void requireTenantRoleAdmitsAdminsOnly() throws Exception {
		String admin = user();
		String member = user();
		Tenant tenant = this.tenants.create(slug(), "Roles", clerkUser("owner_" + slug()));
		this.tenants.grant(tenant.id(), clerkUser(admin), TenantRole.ADMIN);
		this.tenants.grant(tenant.id(), clerkUser(member), TenantRole.MEMBER);

		problem(this.mvc.perform(api("/api/v1/settings", member).header("X-Tenant-Id", tenant.slug())), 403,
				"forbidden")
			.andExpect(jsonPath("$.detail").value("This needs the admin role in the tenant"));
		this.mvc.perform(api("/api/v1/settings", admin).header("X-Tenant-Id", tenant.slug()))
			.andExpect(status().isOk())
			.andExpect(content().string("settings"));
	}

	@Test
	void tenantRolesBeanWorksInPreAuthorize() throws Exception {
		String admin = user();
		String member = user();
		Tenant tenant = this.tenants.create(slug(), "Billing", clerkUser("owner_" + slug()));
		this.tenants.grant(tenant.id(), clerkUser(admin), TenantRole.ADMIN);
		this.tenants.grant(tenant.id(), clerkUser(member), TenantRole.MEMBER);

		problem(this.mvc.perform(api("/api/v1/billing", member).header("X-Tenant-Id", tenant.slug())), 403,
				"forbidden");
		this.mvc.perform(api("/api/v1/billing", admin).header("X-Tenant-Id", tenant.slug())).andExpect(status().isOk());
	}

	@Test
	void cachedTenantIsNotLookedUpAgain() throws Exception {
		String user = user();
		Tenant tenant = this.tenants.create(slug(), "Cached", clerkUser(user));
		int before = slugLookups.get();

		this.mvc.perform(api("/api/v1/whoami", user).header("X-Tenant-Id", tenant.slug())).andExpect(status().isOk());
		this.mvc.perform(api("/api/v1/whoami", user).header("X-Tenant-Id", tenant.slug())).andExpect(status().isOk());

		assertThat(slugLookups.get() - before).isEqualTo(1);
	}

	@Test
	void resolutionsAreCountedBySourceAndOutcome() throws Exception {
		String user = user();
		Tenant own = this.tenants.create(slug(), "Own", clerkUser(user));
		Tenant foreign = this.tenants.create(slug(), "Foreign", clerkUser(user()));
		Tenant suspended = this.tenants.create(slug(), "Gone", clerkUser(user));
		this.tenants.suspend(suspended.id());
		String organization = "org_" + slug();
		this.tenants.linkExternalId(own.id(), clerkIssuer(), organization);

		assertCounted("header", "resolved",
				() -> this.mvc.perform(api("/api/v1/whoami", user).header("X-Tenant-Id", own.slug())));
		assertCounted("header", "not-a-member",
				() -> this.mvc.perform(api("/api/v1/whoami", user).header("X-Tenant-Id", foreign.slug())));
		assertCounted("header", "unknown",
				() -> this.mvc.perform(api("/api/v1/whoami", user).header("X-Tenant-Id", slug())));
		assertCounted("header", "invalid", () -> this.mvc
			.perform(api("/api/v1/whoami", user).header("X-Tenant-Id", "123e4567-e89b-12d3-a456-42661417400Z")));
		assertCounted("header", "suspended",
				() -> this.mvc.perform(api("/api/v1/whoami", user).header("X-Tenant-Id", suspended.slug())));
		assertCounted("none", "required", () -> this.mvc.perform(api("/api/v1/whoami", user)));
		assertCounted("claim", "resolved", () -> this.mvc
			.perform(get("/api/v1/whoami").header("Authorization", bearer(clerk(user, organization, "admin")))));
		// The token names its organization's tenant; the header another one.
		assertCounted("claim", "token-mismatch",
				() -> this.mvc
					.perform(get("/api/v1/whoami").header("Authorization", bearer(clerk(user, organization, "admin")))
						.header("X-Tenant-Id", foreign.slug())));
		assertThat(this.meters.find("foundation.tenancy.resolutions").counters())
			.flatExtracting((counter) -> counter.getId().getTags())
			.extracting(Tag::getValue)
			.doesNotContain(own.slug(), foreign.slug(), own.id().toString(), user, organization);
	}

	private void assertCounted(String source, String outcome, Request request) throws Exception {
		double before = resolutions(source, outcome);
		request.perform();
		assertThat(resolutions(source, outcome)).as(source + "/" + outcome).isEqualTo(before + 1);
	}

	private double resolutions(String source, String outcome) {
		Counter counter = this.meters.find("foundation.tenancy.resolutions")
			.tags("source", source, "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@FunctionalInterface
	private interface Request {

		void perform() throws Exception;

	}

	@Test
	void unauthenticatedRequestIsLeftToSecurity() throws Exception {
		problem(this.mvc.perform(get("/api/v1/whoami").header("X-Tenant-Id", "acme")), 401, "unauthorized");
	}

	private static ResultActions problem(ResultActions result, int status, String type) throws Exception {
		return result.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(endsWith("/" + type)))
			.andExpect(jsonPath("$.correlationId").value(notNullValue()));
	}

	private static MockHttpServletRequestBuilder api(String path, String user) {
		return get(path).header("Authorization", bearer(issuer.clerk().user(user).token()));
	}

	private static String clerk(String user, String organization, String role) {
		return issuer.clerk().user(user).organization(organization, role, slug()).token();
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

	private static String clerkIssuer() {
		return issuer.baseUrl();
	}

	/** The user of the Clerk tokens of {@link #issuer} with this subject. */
	private static UserIdentity clerkUser(String subject) {
		return new UserIdentity(clerkIssuer(), subject);
	}

	/** The user of the Supabase tokens of {@link #issuer} with this subject. */
	private static UserIdentity supabaseUser(String subject) {
		return new UserIdentity(issuer.baseUrl() + "/auth/v1", subject);
	}

	private static String user() {
		return "user_" + UUID.randomUUID().toString().replace("-", "");
	}

	private static String slug() {
		return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableMethodSecurity
	static class TestApplication {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		@Order(50)
		TenantResolver phoneNumberResolver() {
			return (request, principal) -> Optional.ofNullable(request.parameter("to"))
				.map(PHONE_NUMBERS::get)
				.map(TenantCandidate::bySlug);
		}

		@Bean
		static BeanPostProcessor countingTenantDirectory() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (!(bean instanceof TenantDirectory directory)) {
						return bean;
					}
					return Proxy.newProxyInstance(TenantDirectory.class.getClassLoader(),
							new Class<?>[] { TenantDirectory.class }, (proxy, method, args) -> {
								if (method.getName().equals("findBySlug")) {
									slugLookups.incrementAndGet();
								}
								try {
									return method.invoke(directory, args);
								}
								catch (InvocationTargetException ex) {
									throw ex.getCause();
								}
							});
				}

			};
		}

		@RestController
		static class Endpoints {

			@GetMapping("/api/v1/whoami")
			Map<String, String> whoami() {
				return Map.of("tenant", CurrentTenant.require().slug(), "role",
						CurrentTenant.membership().orElseThrow().role().value(), "context",
						String.valueOf(RequestContexts.current().tenantId()), "mdc",
						String.valueOf(MDC.get(RequestContexts.MDC_TENANT_ID)));
			}

			@GetMapping("/api/v1/me")
			String me() {
				return CurrentTenant.find().map(Tenant::slug).orElse("none");
			}

			@RequireTenantRole(TenantRole.ADMIN)
			@GetMapping("/api/v1/settings")
			String settings() {
				return "settings";
			}

			@PreAuthorize("@tenantRoles.has('admin')")
			@GetMapping("/api/v1/billing")
			String billing() {
				return "billing";
			}

		}

	}

}
