package dev.foundation.sample;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.foundation.tenancy.Tenant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cached contact count: per tenant, and bumped when a contact is created or deleted.
 */
class ContactStatsIntegrationTests extends SampleIntegrationTestSupport {

	@Test
	void countIsCachedPerTenantAndBumpedByWrites() throws Exception {
		Tenant acme = this.tenants.create(uniqueSlug("stats-a"), "Stats A",
				SampleAuthentication.user(SampleAuthentication.USER_ID));
		Tenant globex = this.tenants.create(uniqueSlug("stats-b"), "Stats B",
				SampleAuthentication.user(SampleAuthentication.USER_ID));
		assertThat(count(acme)).isZero();
		assertThat(count(globex)).isZero();

		HttpResponse<String> created = send(as(acme, "/api/v1/contacts").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")));
		assertThat(created.statusCode()).isEqualTo(201);

		assertThat(count(acme)).as("bumped after the commit").isEqualTo(1);
		assertThat(count(globex)).as("the other tenant's entry").isZero();
		String id = json.readTree(created.body()).path("id").asString();
		assertThat(send(as(acme, "/api/v1/contacts/" + id).DELETE()).statusCode()).isEqualTo(204);
		assertThat(count(acme)).isZero();
	}

	private long count(Tenant tenant) throws Exception {
		HttpResponse<String> response = send(as(tenant, "/api/v1/contacts/stats"));
		assertThat(response.statusCode()).isEqualTo(200);
		return json.readTree(response.body()).path("count").asLong();
	}

	private HttpRequest.Builder as(Tenant tenant, String path) {
		return withToken(path, SampleAuthentication.userToken()).header("X-Tenant-Id", tenant.slug());
	}

}
