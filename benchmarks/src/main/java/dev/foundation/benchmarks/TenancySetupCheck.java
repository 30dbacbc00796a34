package dev.foundation.benchmarks;

import java.util.List;
import java.util.UUID;

import dev.foundation.benchmarks.KeepAliveHttpClient.Response;
import dev.foundation.benchmarks.TenancyDatabase.Member;
import dev.foundation.tenancy.rls.TenantBindingJpaDialect;
import jakarta.persistence.EntityManagerFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.orm.jpa.EntityManagerFactoryInfo;

/**
 * Fails the trial unless a {@link TenantNotesServer} isolates tenants the way its variant
 * claims, before anything is measured: a member sees exactly their tenant's
 * {@value TenancyDatabase#NOTES_PER_TENANT} notes and gets 404 for another tenant's note,
 * a request without a token gets 401, and at the database the "RLS on" table shows the
 * application's role no rows unless a tenant is bound while the "RLS off" table shows it
 * every row. Together these prove that with RLS on the binding runs (the list would be
 * empty otherwise) and with RLS off Hibernate alone restricts the rows (the list would
 * hold every tenant's notes otherwise).
 */
final class TenancySetupCheck {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final TenantNotesServer server;

	private final TenancyDatabase database;

	TenancySetupCheck(TenantNotesServer server, TenancyDatabase database) {
		this.server = server;
		this.database = database;
	}

	void verify() {
		List<Member> members = this.database.members();
		Member caller = members.get(0);
		Member other = members.get(1);
		String variant = this.server.rls() ? "RLS on" : "RLS off";

		JsonNode list = body(TenantNotesController.NOTES, caller, 200, variant);
		require(list.isArray() && list.size() == TenancyDatabase.NOTES_PER_TENANT, variant,
				"the list holds " + list.size() + " notes, expected " + TenancyDatabase.NOTES_PER_TENANT);
		for (JsonNode note : list) {
			require(caller.tenantId().toString().equals(note.get("tenantId").asString()), variant,
					"the list holds a note of tenant " + note.get("tenantId"));
		}
		UUID own = this.database.noteIds(caller.tenantId()).get(0);
		JsonNode note = body(TenantNotesController.NOTES + "/" + own, caller, 200, variant);
		require(own.toString().equals(note.get("id").asString()), variant, "reading one note returned " + note);
		UUID foreign = this.database.noteIds(other.tenantId()).get(0);
		status(TenantNotesController.NOTES + "/" + foreign, caller, 404, variant);
		status(TenantNotesController.NOTES, null, 401, variant);

		int all = TenancyDatabase.TENANTS * TenancyDatabase.NOTES_PER_TENANT;
		String rlsTable = TenancyDatabase.RLS_SCHEMA + ".notes";
		String plainTable = TenancyDatabase.PLAIN_SCHEMA + ".notes";
		require(this.database.countAsApplication(rlsTable, null) == 0, variant,
				rlsTable + " shows rows to the application role without a tenant: row-level security is not on");
		require(this.database.countAsApplication(rlsTable, caller.tenantId()) == TenancyDatabase.NOTES_PER_TENANT,
				variant, rlsTable + " does not show the bound tenant's rows");
		require(this.database.countAsApplication(plainTable, null) == all, variant,
				plainTable + " does not show every row without a tenant: it is not free of row-level security");
		boolean binding = ((EntityManagerFactoryInfo) this.server.context().getBean(EntityManagerFactory.class))
			.getJpaDialect() instanceof TenantBindingJpaDialect;
		require(binding == this.server.rls(), variant,
				"the JPA dialect " + (binding ? "binds" : "does not bind") + " the tenant to transactions");
	}

	private JsonNode body(String path, Member caller, int status, String variant) {
		return json.readTree(status(path, caller, status, variant).body());
	}

	private Response status(String path, @Nullable Member caller, int status, String variant) {
		Response response = this.server.exchange(path, caller);
		require(response.status() == status, variant,
				path + " answered " + response.status() + " instead of " + status + ": " + response.body());
		return response;
	}

	private static void require(boolean condition, String variant, String problem) {
		if (!condition) {
			throw new IllegalStateException(variant + ": " + problem);
		}
	}

}
