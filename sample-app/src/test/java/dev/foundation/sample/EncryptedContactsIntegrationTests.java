package dev.foundation.sample;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;

import javax.sql.DataSource;

import dev.foundation.audit.AuditChainVerifier;
import dev.foundation.audit.ChainVerification;
import dev.foundation.crypto.DataKeys;
import dev.foundation.crypto.EncryptionContext;
import dev.foundation.crypto.FieldEncryptor;
import dev.foundation.crypto.KeyDestroyedException;
import dev.foundation.crypto.internal.ReEncryptionRuns;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantStatus;
import dev.foundation.tenancy.persistence.TenantScope;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Contacts' e-mail and phone are encrypted at rest: ciphertext in the table (read as the
 * owner, as psql would), plaintext in the API, found by exact e-mail through the blind
 * index; misplaced or shredded values give problem+json without leaking anything.
 */
class EncryptedContactsIntegrationTests extends SampleIntegrationTestSupport {

	@Autowired
	private Environment environment;

	@Autowired
	private DataKeys dataKeys;

	@Autowired
	private FieldEncryptor encryptor;

	@Autowired
	private AuditChainVerifier verifier;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private ReEncryptionRuns reEncryption;

	@Test
	void emailAndPhoneAreCiphertextInTheDatabaseAndPlaintextInTheApi() throws Exception {
		Tenant tenant = newTenant("crypto");
		String id = create(tenant, "Ada Lovelace", "ada@example.com", "+4915112345678");
		Map<String, Object> row = owner((jdbc) -> jdbc
			.sql("select email, phone, email_index, phone_index from contacts" + " where id = ?::uuid")
			.param(id)
			.query()
			.singleRow());
		assertThat((String) row.get("email")).startsWith("fe1.").doesNotContain("ada");
		assertThat((String) row.get("phone")).startsWith("fe1.").doesNotContain("15112345678");
		assertThat((String) row.get("email_index")).startsWith("1.");
		JsonNode contact = json.readTree(send(inTenant(tenant, "/api/v1/contacts/" + id)).body());
		assertThat(contact.path("email").asString()).isEqualTo("ada@example.com");
		assertThat(contact.path("phone").asString()).isEqualTo("+4915112345678");
	}

	@Test
	void findsContactsByExactEmailThroughTheBlindIndex() throws Exception {
		Tenant tenant = newTenant("lookup");
		Tenant other = newTenant("lookup-other");
		create(tenant, "Ada Lovelace", "Ada@Example.com", null);
		create(tenant, "Ada Impostor", "ada@example.co", null);
		create(other, "Other Ada", "ada@example.com", null);
		HttpResponse<String> found = send(inTenant(tenant, "/api/v1/contacts/by-email?email=%20ADA@example.com"));
		assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
		JsonNode contacts = json.readTree(found.body());
		assertThat(contacts).hasSize(1);
		assertThat(contacts.get(0).path("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(json.readTree(send(inTenant(tenant, "/api/v1/contacts/by-email?email=nobody@example.com")).body()))
			.isEmpty();
	}

	@Test
	void valueCopiedIntoAnotherTenantsRowGivesProblemJsonWithoutLeaks() throws Exception {
		Tenant victim = newTenant("victim");
		Tenant attacker = newTenant("attacker");
		String victimRow = create(victim, "Victim", "victim@example.com", null);
		String attackerRow = create(attacker, "Attacker", "me@example.com", null);
		String stolen = owner((jdbc) -> jdbc.sql("select email from contacts where id = ?::uuid")
			.param(victimRow)
			.query(String.class)
			.single());
		owner((jdbc) -> jdbc.sql("update contacts set email = ? where id = ?::uuid")
			.params(stolen, attackerRow)
			.update());
		HttpResponse<String> response = send(inTenant(attacker, "/api/v1/contacts/" + attackerRow));
		assertProblem(response, 500, "decryption-failed");
		assertThat(response.body()).doesNotContain(stolen.substring(4, 24)).doesNotContain("victim");
		// Nothing was overwritten.
		assertThat(this.<String>owner((jdbc) -> jdbc.sql("select email from contacts where id = ?::uuid")
			.param(attackerRow)
			.query(String.class)
			.single())).isEqualTo(stolen);
	}

	@Test
	void shreddedTenantsContactsGiveGoneProblemJson() throws Exception {
		Tenant tenant = newTenant("shredded");
		String id = create(tenant, "Forget Me", "forget@example.com", "+15550123456");
		this.dataKeys.shred(tenant.id());
		HttpResponse<String> response = send(inTenant(tenant, "/api/v1/contacts/" + id));
		assertProblem(response, 410, "data-erased");
		assertThat(response.body()).doesNotContain("fe1.");
	}

	@Test
	void shreddedTenantsContactsCannotBeWrittenEither() throws Exception {
		Tenant tenant = newTenant("shredded-write");
		create(tenant, "Forget Me", "forget@example.com", null);
		this.dataKeys.shred(tenant.id());
		// The failure surfaces at the flush, wrapped in the commit's failure: still
		// its own problem, not a 500.
		HttpResponse<String> created = send(
				inTenant(tenant, "/api/v1/contacts").header("Content-Type", "application/json")
					.POST(java.net.http.HttpRequest.BodyPublishers
						.ofString("{\"name\":\"New\",\"email\":\"new@example.com\"}")));
		assertProblem(created, 410, "data-erased");
		assertThat(created.body()).doesNotContain("fe1.").doesNotContain("Exception");
	}

	@Test
	void erasingATenantShredsItsKeysAndLeavesOtherTenantsUntouched() throws Exception {
		Tenant erased = newTenant("erased");
		Tenant kept = newTenant("kept");
		String erasedRow = create(erased, "Forget Me", "forget@example.com", "+15550123456");
		String keptRow = create(kept, "Keep Me", "keep@example.com", null);
		String ciphertext = owner((jdbc) -> jdbc.sql("select email from contacts where id = ?::uuid")
			.param(erasedRow)
			.query(String.class)
			.single());
		EncryptionContext context = EncryptionContext.of(erased.id(), "contacts", "email");
		assertThat(this.encryptor.decryptString(ciphertext, context)).isEqualTo("forget@example.com");

		this.tenants.erase(erased.id());

		assertThat(this.tenants.find(erased.id()).map(Tenant::status)).contains(TenantStatus.ERASED);
		assertThat(this.dataKeys.isShredded(erased.id())).isTrue();
		assertThatExceptionOfType(KeyDestroyedException.class)
			.isThrownBy(() -> this.encryptor.decryptString(ciphertext, context));
		HttpResponse<String> refused = send(inTenant(erased, "/api/v1/contacts/" + erasedRow));
		assertProblem(refused, 403, "forbidden");
		assertThat(refused.body()).doesNotContain("forget@example.com").doesNotContain("fe1.");
		JsonNode other = json.readTree(send(inTenant(kept, "/api/v1/contacts/" + keptRow)).body());
		assertThat(other.path("email").asString()).isEqualTo("keep@example.com");
		assertThat(this.dataKeys.isShredded(kept.id())).isFalse();

		// Erasing again changes nothing and fails nothing (and shreds again, harmlessly).
		this.tenants.erase(erased.id());
		assertThat(this.dataKeys.isShredded(erased.id())).isTrue();
		assertThatExceptionOfType(KeyDestroyedException.class)
			.isThrownBy(() -> this.encryptor.decryptString(ciphertext, context));
	}

	@Test
	void shreddingIsRecordedInTheTenantsAuditChainWhichStillVerifies() throws Exception {
		Tenant tenant = newTenant("audited-shred");
		create(tenant, "Forget Me", "forget@example.com", null);
		this.tenants.erase(tenant.id());

		Long shredded = TenantScope.callAsSystem("test: read the erased tenant's audit events",
				() -> new JdbcTemplate(this.dataSource).queryForObject(
						"select count(*) from foundation.audit_events where tenant_id = ? and action = ?", Long.class,
						tenant.id(), "crypto.tenant.shredded"));
		assertThat(shredded).isEqualTo(1L);
		ChainVerification verification = TenantScope.call(tenant.id(), () -> this.verifier.verify(tenant.id()));
		assertThat(verification.intact()).as(verification.toString()).isTrue();
		assertThat(verification.eventsChecked()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void reEncryptionMovesContactsToTheRotatedKeyAndTheApiStillReadsThem() throws Exception {
		Tenant tenant = newTenant("rotated");
		String id = create(tenant, "Ada Lovelace", "ada@example.com", "+4915112345678");
		assertThat(this.dataKeys.rotate(tenant.id())).isEqualTo(2);

		assertThat(this.reEncryption.start()).isTrue();
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
		while (this.reEncryption.isRunning()) {
			assertThat(System.nanoTime()).as("the run ends within two minutes").isLessThan(deadline);
			Thread.sleep(50);
		}

		assertThat(this.reEncryption.status()).doesNotContainKey("lastFailure");
		Map<String, Object> row = owner(
				(jdbc) -> jdbc.sql("select email, phone, email_index from contacts where id = ?::uuid")
					.param(id)
					.query()
					.singleRow());
		// Format 1, key version 2: the first five bytes 01 00 00 00 02, whose base64url
		// starts AQAAAA and a character of 0b0010xx.
		assertThat((String) row.get("email")).matches("fe1\\.AQAAAA[IJKL].*");
		assertThat((String) row.get("phone")).matches("fe1\\.AQAAAA[IJKL].*");
		assertThat((String) row.get("email_index")).startsWith("2.");
		JsonNode contact = json.readTree(send(inTenant(tenant, "/api/v1/contacts/" + id)).body());
		assertThat(contact.path("email").asString()).isEqualTo("ada@example.com");
		HttpResponse<String> found = send(inTenant(tenant, "/api/v1/contacts/by-email?email=ADA@example.com"));
		assertThat(json.readTree(found.body())).hasSize(1);
	}

	private String create(Tenant tenant, String name, String email, String phone) throws Exception {
		String body = "{\"name\":\"" + name + "\",\"email\":\"" + email + "\""
				+ ((phone != null) ? ",\"phone\":\"" + phone + "\"" : "") + "}";
		HttpResponse<String> created = send(
				inTenant(tenant, "/api/v1/contacts").header("Content-Type", "application/json")
					.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return json.readTree(created.body()).path("id").asString();
	}

	private java.net.http.HttpRequest.Builder inTenant(Tenant tenant, String path) {
		return withToken(path, SampleAuthentication.userToken()).header("X-Tenant-Id", tenant.slug());
	}

	private Tenant newTenant(String prefix) {
		return this.tenants.create(uniqueSlug(prefix), prefix, SampleAuthentication.user(SampleAuthentication.USER_ID));
	}

	/** Runs SQL as the tables' owner (as psql would), outside row-level security. */
	private <T> T owner(java.util.function.Function<JdbcClient, T> work) throws Exception {
		try (Connection connection = DriverManager.getConnection(
				this.environment.getRequiredProperty("spring.datasource.url"),
				this.environment.getRequiredProperty("spring.flyway.user"),
				this.environment.getRequiredProperty("spring.flyway.password"))) {
			return work.apply(JdbcClient.create(new SingleConnectionDataSource(connection, true)));
		}
	}

}
