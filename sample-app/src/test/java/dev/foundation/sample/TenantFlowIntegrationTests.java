package dev.foundation.sample;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.tenancy.rls.TenantBindingKeys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's tenant flow over real HTTP: users create tenants, their contacts stay
 * apart in every direction, owners and admins manage members, and row-level security
 * holds underneath the ORM for the role the application connects with.
 */
class TenantFlowIntegrationTests extends SampleIntegrationTestSupport {

	@Autowired
	private TenantBindingKeys bindingKeys;

	@Autowired
	DataSource dataSource;

	@Test
	void twoTenantsNeverSeeEachOthersContacts(CapturedOutput output) throws Exception {
		String alice = "alice-" + UUID.randomUUID();
		String bob = "bob-" + UUID.randomUUID();
		JsonNode acme = createTenant(alice, uniqueSlug("acme"), "Acme");
		JsonNode globex = createTenant(bob, uniqueSlug("globex"), "Globex");
		assertThat(acme.path("role").asString()).isEqualTo("owner");

		List<String> aliceContacts = new ArrayList<>();
		for (String name : List.of("Ada Acme", "Alan Acme", "Grace Acme")) {
			aliceContacts.add(createContact(alice, acme.path("slug").asString(), name));
		}
		// The header may name the tenant by id as well as by slug.
		String bobContact = createContact(bob, globex.path("id").asString(), "Gus Globex");

		assertThat(names(list(alice, acme.path("slug").asString(), ""))).containsExactlyInAnyOrder("Ada Acme",
				"Alan Acme", "Grace Acme");
		assertThat(names(list(bob, globex.path("slug").asString(), ""))).containsExactly("Gus Globex");
		// A search matching every name of both tenants returns only the caller's.
		assertThat(names(list(bob, globex.path("slug").asString(), "?name=e"))).containsExactly("Gus Globex");

		// Bob, in his own tenant, names Alice's contacts by id: they do not exist for
		// him.
		String aliceContact = aliceContacts.get(0);
		String globexSlug = globex.path("slug").asString();
		assertProblem(send(as(bob, globexSlug, "/api/v1/contacts/" + aliceContact)), 404, "not-found");
		assertProblem(send(as(bob, globexSlug, "/api/v1/contacts/" + aliceContact).header("If-Match", "\"0\"")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"pwned\"}"))), 404, "not-found");
		assertProblem(send(as(bob, globexSlug, "/api/v1/contacts/" + aliceContact).DELETE()), 404, "not-found");
		HttpResponse<String> unchanged = send(
				as(alice, acme.path("slug").asString(), "/api/v1/contacts/" + aliceContact));
		assertThat(json.readTree(unchanged.body()).path("name").asString()).isEqualTo("Ada Acme");

		// Bob names Alice's tenant: he is no member of it. The attempt is logged with who
		// tried.
		assertProblem(send(as(bob, acme.path("slug").asString(), "/api/v1/contacts")), 403, "forbidden");
		assertThat(output.getOut()).contains(bob).contains(acme.path("id").asString());
		// Nor does a token naming Alice's tenant in its claim get him in.
		String claimToken = SampleAuthentication.ISSUER.custom(SampleAuthentication.CUSTOM_ISSUER)
			.user(bob)
			.audience(SampleAuthentication.AUDIENCE)
			.tenantId(acme.path("id").asString())
			.token();
		assertProblem(send(withToken("/api/v1/contacts", claimToken)), 403, "forbidden");
		// Alice's token names her tenant; a header naming another tenant conflicts with
		// it.
		String aliceClaimToken = SampleAuthentication.ISSUER.custom(SampleAuthentication.CUSTOM_ISSUER)
			.user(alice)
			.audience(SampleAuthentication.AUDIENCE)
			.tenantId(acme.path("id").asString())
			.token();
		assertThat(send(withToken("/api/v1/contacts", aliceClaimToken)).statusCode()).isEqualTo(200);
		assertProblem(send(withToken("/api/v1/contacts", aliceClaimToken).header("X-Tenant-Id", globexSlug)), 403,
				"forbidden");
	}

	@Test
	void requestsNamingNoUsableTenantAreRefused() throws Exception {
		String user = "carla-" + UUID.randomUUID();
		String token = SampleAuthentication.tokenOf(user);
		assertProblem(send(withToken("/api/v1/contacts", token)), 400, "tenant-required");
		// Neither a UUID nor a slug (a slug-shaped value is looked up as a slug: 404
		// below).
		assertProblem(send(
				withToken("/api/v1/contacts", token).header("X-Tenant-Id", "123e4567-e89b-12d3-a456-42661417400Z")),
				400, "bad-request");
		assertProblem(send(
				withToken("/api/v1/contacts", token).header("X-Tenant-Id", "123e4567-e89b-12d3-a456-42661417400z")),
				404, "not-found");
		assertProblem(send(withToken("/api/v1/contacts", token).header("X-Tenant-Id", uniqueSlug("nobody"))), 404,
				"not-found");
		assertProblem(send(withToken("/api/v1/contacts", token).header("X-Tenant-Id", "' or 1=1 --")), 400,
				"bad-request");
		// A suspended tenant refuses even its owner.
		Tenant suspended = this.tenants.create(uniqueSlug("suspended"), "Suspended", SampleAuthentication.user(user));
		this.tenants.suspend(suspended.id());
		assertProblem(send(withToken("/api/v1/contacts", token).header("X-Tenant-Id", suspended.slug())), 403,
				"forbidden");
	}

	@Test
	void ownersAndAdminsManageMembersAndViewersOnlyRead() throws Exception {
		String owner = "olga-" + UUID.randomUUID();
		String carol = "carol-" + UUID.randomUUID();
		String slug = createTenant(owner, uniqueSlug("members"), "Members").path("slug").asString();

		assertThat(send(as(owner, slug, "/api/v1/tenant/members/" + carol).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"viewer\"}"))).statusCode()).isEqualTo(200);
		// A viewer reads contacts but neither writes them nor sees the members.
		assertThat(send(as(carol, slug, "/api/v1/contacts")).statusCode()).isEqualTo(200);
		assertProblem(send(as(carol, slug, "/api/v1/contacts").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Nope\"}"))), 403, "forbidden");
		assertProblem(send(as(carol, slug, "/api/v1/tenant/members")), 403, "forbidden");
		JsonNode current = json.readTree(send(as(carol, slug, "/api/v1/tenant")).body());
		assertThat(current.path("role").asString()).isEqualTo("viewer");

		// Promoted to admin, Carol manages members, but cannot make herself owner or
		// remove the owner.
		send(as(owner, slug, "/api/v1/tenant/members/" + carol).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"admin\"}")));
		HttpResponse<String> members = send(as(carol, slug, "/api/v1/tenant/members"));
		assertThat(members.statusCode()).isEqualTo(200);
		assertThat(json.readTree(members.body()).valueStream().map((m) -> m.path("userId").asString()).toList())
			.containsExactlyInAnyOrder(owner, carol);
		assertProblem(send(as(carol, slug, "/api/v1/tenant/members/" + carol).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"owner\"}"))), 403, "forbidden");
		assertProblem(send(as(carol, slug, "/api/v1/tenant/members/" + owner).DELETE()), 403, "forbidden");
		assertProblem(send(as(carol, slug, "/api/v1/tenant/members/x").header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"superuser\"}"))), 400, "bad-request");

		// The last owner cannot leave.
		assertProblem(send(as(owner, slug, "/api/v1/tenant/members/" + owner).DELETE()), 409, "conflict");
		assertThat(send(as(owner, slug, "/api/v1/tenant/members/" + carol).DELETE()).statusCode()).isEqualTo(204);
		assertProblem(send(as(carol, slug, "/api/v1/contacts")), 403, "forbidden");
	}

	@Test
	void inboundSmsIsFiledUnderTheTenantOwningTheCalledNumber() throws Exception {
		// sample.phone-numbers maps +15550100 to 'acme' and +15550200 to 'globex'; this
		// JVM's database is fresh.
		String acmeOwner = "sms-acme-" + UUID.randomUUID();
		String globexOwner = "sms-globex-" + UUID.randomUUID();
		Tenant acme = this.tenants.findBySlug("acme")
			.orElseGet(() -> this.tenants.create("acme", "Acme", SampleAuthentication.user("ceo-acme")));
		this.tenants.grant(acme.id(), SampleAuthentication.user(acmeOwner), TenantRole.MEMBER);
		Tenant globex = this.tenants.findBySlug("globex")
			.orElseGet(() -> this.tenants.create("globex", "Globex", SampleAuthentication.user("ceo-globex")));
		this.tenants.grant(globex.id(), SampleAuthentication.user(globexOwner), TenantRole.MEMBER);

		String sender = "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999));
		JsonNode first = json.readTree(sms(acmeOwner, sender, "+15550100").body());
		JsonNode second = json.readTree(sms(acmeOwner, sender, "+15550100").body());
		assertThat(second.path("id").asString()).isEqualTo(first.path("id").asString());
		assertThat(first.path("phone").asString()).isEqualTo(sender);
		assertThat(names(list(acmeOwner, "acme", "?name=" + sender.substring(1)))).containsExactly(sender);
		assertThat(names(list(globexOwner, "globex", "?name=" + sender.substring(1)))).isEmpty();
		// The number decides the tenant, and the caller must still be a member of it.
		assertProblem(sms(globexOwner, sender, "+15550100"), 403, "forbidden");
		// A number nobody owns names no tenant.
		assertProblem(sms(acmeOwner, sender, "+15559999"), 400, "tenant-required");
	}

	@Test
	void tokenOfAnotherIssuerWithTheOwnersSubjectGetsNoneOfTheOwnersTenants() throws Exception {
		String owner = "owner-" + UUID.randomUUID();
		JsonNode tenant = createTenant(owner, uniqueSlug("issuer"), "Issuer");
		String slug = tenant.path("slug").asString();
		String id = tenant.path("id").asString();
		assertThat(send(as(owner, slug, "/api/v1/tenant")).statusCode()).isEqualTo(200);
		// Anyone who can mint for another trusted issuer can choose the owner's subject:
		// it names someone else.
		String sameSubject = SampleAuthentication.ISSUER.supabase().user(owner).token();
		assertProblem(send(withToken("/api/v1/tenant", sameSubject).header("X-Tenant-Id", slug)), 403, "forbidden");
		assertProblem(send(withToken("/api/v1/tenant/members", sameSubject).header("X-Tenant-Id", id)), 403,
				"forbidden");
		String claimingTheTenant = SampleAuthentication.ISSUER.supabase().user(owner).tenantId(id).token();
		assertProblem(send(withToken("/api/v1/tenant", claimingTheTenant)), 403, "forbidden");
		assertProblem(
				send(withToken("/api/v1/tenant/members/" + owner, sameSubject).header("X-Tenant-Id", id).DELETE()), 403,
				"forbidden");
		assertThat(send(as(owner, slug, "/api/v1/tenant/members")).body()).contains(owner);
	}

	@Test
	void rowLevelSecurityHoldsBeneathTheOrmForTheApplicationsRole() throws Exception {
		String owner = "rls-" + UUID.randomUUID();
		JsonNode tenant = createTenant(owner, uniqueSlug("rls"), "RLS");
		createContact(owner, tenant.path("slug").asString(), "Visible only in its tenant");
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			// The same pool the application uses, no ORM, no tenant: nothing.
			assertThat(count(statement, "select count(*) from contacts")).isZero();
			connection.setAutoCommit(false);
			statement.execute("select set_config('foundation.tenant_binding', '"
					+ this.bindingKeys.get().binding(UUID.fromString(tenant.path("id").asString())) + "', true)");
			assertThat(count(statement, "select count(*) from contacts")).isOne();
			// Inserting into another tenant is refused by the policy.
			String foreign = UUID.randomUUID().toString();
			try {
				statement
					.execute("insert into contacts (id, tenant_id, name, created_at, updated_at, version) values ('"
							+ UUID.randomUUID() + "', '" + foreign + "', 'x', now(), now(), 0)");
				throw new AssertionError("insert into a foreign tenant was accepted");
			}
			catch (java.sql.SQLException ex) {
				assertThat(ex.getMessage()).contains("row-level security");
			}
			connection.rollback();
			connection.setAutoCommit(true);
			try (ResultSet role = statement
				.executeQuery("select rolsuper, rolbypassrls from pg_roles where rolname = current_user")) {
				role.next();
				assertThat(role.getBoolean(1)).isFalse();
				assertThat(role.getBoolean(2)).isFalse();
			}
		}
	}

	private JsonNode createTenant(String user, String slug, String name) throws Exception {
		HttpResponse<String> response = send(withToken("/api/v1/tenants", SampleAuthentication.tokenOf(user))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"slug\":\"" + slug + "\",\"name\":\"" + name + "\"}")));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json.readTree(response.body());
	}

	private String createContact(String user, String tenant, String name) throws Exception {
		HttpResponse<String> response = send(
				as(user, tenant, "/api/v1/contacts").header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json.readTree(response.body()).path("id").asString();
	}

	private HttpResponse<String> list(String user, String tenant, String query) throws Exception {
		HttpResponse<String> response = send(as(user, tenant, "/api/v1/contacts" + query));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response;
	}

	private HttpResponse<String> sms(String user, String from, String to) throws Exception {
		return send(withToken("/api/v1/inbound-sms", SampleAuthentication.tokenOf(user))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("From=" + from.replace("+", "%2B") + "&To=" + to.replace("+", "%2B") + "&Body=hello")));
	}

	private HttpRequest.Builder as(String user, String tenant, String path) {
		return withToken(path, SampleAuthentication.tokenOf(user)).header("X-Tenant-Id", tenant);
	}

	private static List<String> names(HttpResponse<String> page) {
		return json.readTree(page.body()).path("items").valueStream().map((c) -> c.path("name").asString()).toList();
	}

	private static long count(Statement statement, String sql) throws Exception {
		try (ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

}
