package dev.foundation.sample;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.persistence.TenantScope;
import dev.foundation.tenancy.TenantRole;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's audit trail over real HTTP: contact and membership changes land in the
 * tenant's chain, owners and admins list and verify it, nobody else (no other tenant, no
 * plain member) reads it, and a failed change leaves its failure event only.
 */
class AuditTrailIntegrationTests extends SampleIntegrationTestSupport {

	@Autowired
	DataSource dataSource;

	@Test
	void contactAndMembershipChangesAreListedAndTheChainVerifies() throws Exception {
		String owner = "owner-" + UUID.randomUUID();
		Tenant tenant = this.tenants.create(uniqueSlug("audit"), "Audit", SampleAuthentication.user(owner));
		String contact = createContact(owner, tenant, "Ada");
		HttpResponse<String> updated = send(
				as(owner, tenant, "/api/v1/contacts/" + contact).header("Content-Type", "application/json")
					.header("If-Match", "\"0\"")
					.PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada Lovelace\"}")));
		assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
		this.tenants.grant(tenant.id(), SampleAuthentication.user("member-" + UUID.randomUUID()), TenantRole.MEMBER);

		JsonNode page = json.readTree(send(as(owner, tenant, "/api/v1/audit-events?size=50")).body());
		List<String> actions = new ArrayList<>();
		page.path("items").forEach((event) -> actions.add(event.path("action").asString()));
		assertThat(actions).contains("contact.create", "contact.update", "membership.grant", "tenant.created");
		JsonNode update = find(page, "contact.update");
		assertThat(update.path("resourceType").asString()).isEqualTo("contact");
		assertThat(update.path("resourceId").asString()).isEqualTo(contact);
		assertThat(update.path("actorId").asString()).isEqualTo(owner);
		assertThat(update.path("outcome").asString()).isEqualTo("success");
		assertThat(update.path("correlationId").asString()).isEqualTo(requestId(updated));
		assertThat(find(page, "contact.create").path("resourceId").asString()).isEqualTo(contact);

		JsonNode filtered = json
			.readTree(send(as(owner, tenant, "/api/v1/audit-events?action=contact.update&size=1")).body());
		assertThat(filtered.path("items")).hasSize(1);

		HttpResponse<String> verification = send(as(owner, tenant, "/api/v1/audit-events/verification"));
		assertThat(verification.statusCode()).as(verification.body()).isEqualTo(200);
		assertThat(json.readTree(verification.body()).path("intact").asBoolean()).isTrue();
	}

	@Test
	void failedUpdateLeavesItsFailureEventAndNoSuccessEvent() throws Exception {
		String owner = "owner-" + UUID.randomUUID();
		Tenant tenant = this.tenants.create(uniqueSlug("audit"), "Audit", SampleAuthentication.user(owner));
		String contact = createContact(owner, tenant, "Ada");
		HttpResponse<String> stale = send(
				as(owner, tenant, "/api/v1/contacts/" + contact).header("Content-Type", "application/json")
					.header("If-Match", "\"7\"")
					.PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Mallory\"}")));
		assertThat(stale.statusCode()).isEqualTo(409);
		JsonNode events = json.readTree(send(as(owner, tenant, "/api/v1/audit-events?action=contact.update")).body());
		assertThat(events.path("items")).hasSize(1);
		JsonNode failure = events.path("items").get(0);
		assertThat(failure.path("outcome").asString()).isEqualTo("failure");
		assertThat(failure.path("correlationId").asString()).isEqualTo(requestId(stale));
		assertThat(failure.path("details").path("error").asString()).endsWith("ConflictException");
	}

	@Test
	void otherTenantsOwnerAndPlainMembersCannotReadTheTrail() throws Exception {
		String alice = "alice-" + UUID.randomUUID();
		String bob = "bob-" + UUID.randomUUID();
		Tenant acme = this.tenants.create(uniqueSlug("acme"), "Acme", SampleAuthentication.user(alice));
		Tenant globex = this.tenants.create(uniqueSlug("globex"), "Globex", SampleAuthentication.user(bob));
		createContact(alice, acme, "Ada");
		String carol = "carol-" + UUID.randomUUID();
		this.tenants.grant(acme.id(), SampleAuthentication.user(carol), TenantRole.MEMBER);

		// Bob names Acme in the header: he is no member, refused before the controller.
		assertThat(send(as(bob, acme, "/api/v1/audit-events")).statusCode()).isEqualTo(403);
		// In his own tenant he sees only Globex's events.
		JsonNode own = json.readTree(send(as(bob, globex, "/api/v1/audit-events?size=100")).body());
		own.path("items")
			.forEach((event) -> assertThat(event.path("tenantId").asString()).isEqualTo(globex.id().toString()));
		assertThat(own.path("items").size()).isPositive();
		// A plain member of Acme may not read its trail.
		assertThat(send(as(carol, acme, "/api/v1/audit-events")).statusCode()).isEqualTo(403);
		assertThat(send(as(carol, acme, "/api/v1/audit-events/verification")).statusCode()).isEqualTo(403);
	}

	@Test
	void badFilterIsAProblemNotAServerError() throws Exception {
		String owner = "owner-" + UUID.randomUUID();
		Tenant tenant = this.tenants.create(uniqueSlug("audit"), "Audit", SampleAuthentication.user(owner));
		assertProblem(send(as(owner, tenant, "/api/v1/audit-events?outcome=maybe")), 400, "bad-request");
		assertProblem(send(as(owner, tenant, "/api/v1/audit-events?from=yesterday")), 400, "bad-request");
		assertProblem(send(as(owner, tenant, "/api/v1/audit-events?cursor=garbage!")), 400, "bad-request");
	}

	@Test
	void authenticationFailureAndCrossTenantAttemptAreAuditedWithoutTheToken() throws Exception {
		String token = "not.a.valid-token";
		HttpResponse<String> unauthorized = send(withToken("/api/v1/contacts", token));
		assertThat(unauthorized.statusCode()).isEqualTo(401);
		String alice = "alice-" + UUID.randomUUID();
		Tenant acme = this.tenants.create(uniqueSlug("acme"), "Acme", SampleAuthentication.user(alice));
		HttpResponse<String> spoofed = send(as("mallory-" + UUID.randomUUID(), acme, "/api/v1/contacts"));
		assertThat(spoofed.statusCode()).isEqualTo(403);

		Map<String, Object> failure = systemEvent(requestId(unauthorized));
		assertThat(failure).containsEntry("action", "auth.failure").containsEntry("outcome", "denied");
		assertThat(failure.get("details").toString()).contains("\"status\": 401")
			.contains("\"reason\": \"invalid_token\"")
			.doesNotContain(token);
		Map<String, Object> denied = systemEvent(requestId(spoofed));
		assertThat(denied).containsEntry("action", "access.denied").containsEntry("outcome", "denied");
	}

	private Map<String, Object> systemEvent(String correlationId) throws InterruptedException {
		// The response does not wait for its security event's commit: poll for it.
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
		while (true) {
			// System events are readable only in the system scope (the tables' owner).
			List<Map<String, Object>> events = TenantScope.callAsSystem("test: read system audit events",
					() -> new JdbcTemplate(this.dataSource)
						.queryForList("select action, outcome, details::text as details from foundation.audit_events "
								+ "where tenant_id is null and correlation_id = ?", correlationId));
			if (!events.isEmpty() || System.nanoTime() > deadline) {
				assertThat(events).as("security event of request " + correlationId).hasSize(1);
				return events.get(0);
			}
			Thread.sleep(50);
		}
	}

	private static JsonNode find(JsonNode page, String action) {
		for (JsonNode event : page.path("items")) {
			if (event.path("action").asString().equals(action)) {
				return event;
			}
		}
		throw new AssertionError("No " + action + " event in " + page);
	}

	private String createContact(String user, Tenant tenant, String name) throws Exception {
		HttpResponse<String> created = send(
				as(user, tenant, "/api/v1/contacts").header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return json.readTree(created.body()).path("id").asString();
	}

	private HttpRequest.Builder as(String user, Tenant tenant, String path) {
		return withToken(path, SampleAuthentication.tokenOf(user)).header("X-Tenant-Id", tenant.slug());
	}

}
