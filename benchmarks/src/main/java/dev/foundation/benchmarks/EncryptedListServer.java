package dev.foundation.benchmarks;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.foundation.benchmarks.KeepAliveHttpClient.Response;
import dev.foundation.benchmarks.TenancyDatabase.Member;
import dev.foundation.crypto.FieldEncryptor;
import dev.foundation.tenancy.persistence.TenantScope;
import dev.foundation.tenancy.rls.TenantBindingJpaDialect;
import dev.foundation.test.auth.TestJwtIssuer;
import jakarta.persistence.EntityManagerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;

/**
 * The application of {@link EncryptedListHttpBenchmark}: a {@link TenancyDatabase} (its
 * tenants and members) with two more tables under row-level security,
 * {@code rls.contacts} ({@link EncryptedContact}) and {@code rls.plain_contacts}
 * ({@link PlainContact}), {@value TenancyDatabase#NOTES_PER_TENANT} contacts per tenant
 * in each, with the same names, e-mails and phones; {@link EncryptedContactsApplication}
 * on embedded Tomcat with the foundation's defaults (RLS on, a random master key) and a
 * {@link KeepAliveHttpClient} listing as the members in turn. The encrypted rows are
 * written through the application's own repository, so the tenants' data keys are made
 * and the values encrypted as in production.
 */
final class EncryptedListServer implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String CONTACTS_TABLE = "(id uuid primary key, tenant_id uuid not null, name text not null, "
			+ "email text, email_index text, phone text, phone_index text, created_at timestamptz not null, "
			+ "updated_at timestamptz not null, version bigint not null)";

	private final TestJwtIssuer issuer;

	private final TenancyDatabase database;

	private final ConfigurableApplicationContext context;

	private final KeepAliveHttpClient client;

	private final byte[][] encrypted;

	private final byte[][] plain;

	private int next;

	private EncryptedListServer(TestJwtIssuer issuer, TenancyDatabase database,
			ConfigurableApplicationContext context) {
		this.issuer = issuer;
		this.database = database;
		this.context = context;
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		this.client = new KeepAliveHttpClient("127.0.0.1", port);
		List<Member> members = database.members();
		this.encrypted = new byte[members.size()][];
		this.plain = new byte[members.size()][];
		for (int i = 0; i < members.size(); i++) {
			String authorization = "Bearer " + token(members.get(i));
			this.encrypted[i] = this.client.get(EncryptedContactsController.ENCRYPTED, authorization);
			this.plain[i] = this.client.get(EncryptedContactsController.PLAIN, authorization);
		}
	}

	/**
	 * Creates the database, starts the application, writes the contacts and checks that
	 * both lists answer the same contacts, encrypted at rest in one table only.
	 * @return the running application
	 */
	static EncryptedListServer start() {
		TestJwtIssuer issuer = TestJwtIssuer.start();
		TenancyDatabase database = null;
		ConfigurableApplicationContext context = null;
		try {
			database = TenancyDatabase.create(issuer.baseUrl() + "/auth/v1");
			createContactTables(database);
			byte[] masterKey = new byte[32];
			new SecureRandom().nextBytes(masterKey);
			context = new SpringApplicationBuilder(EncryptedContactsApplication.class)
				.properties(TenantNotesServer.properties(true, database, issuer))
				.properties(Map.of("foundation.crypto.master-keys[0].id", "bench",
						"foundation.crypto.master-keys[0].key", Base64.getEncoder().encodeToString(masterKey)))
				.run();
			seed(context, database);
			EncryptedListServer server = new EncryptedListServer(issuer, database, context);
			server.verify();
			return server;
		}
		catch (RuntimeException ex) {
			if (context != null) {
				context.close();
			}
			if (database != null) {
				database.close();
			}
			issuer.close();
			throw ex;
		}
	}

	private static void createContactTables(TenancyDatabase database) {
		try (Connection connection = database.admin().getConnection();
				Statement statement = connection.createStatement()) {
			for (String table : List.of("contacts", "plain_contacts")) {
				String qualified = TenancyDatabase.RLS_SCHEMA + "." + table;
				statement.execute("create table " + qualified + " " + CONTACTS_TABLE);
				statement.execute("create index " + table + "_tenant_id on " + qualified + " (tenant_id)");
				statement.execute("select foundation.enable_tenant_rls('" + qualified + "')");
				statement.execute("grant select, insert, update, delete on " + qualified + " to " + database.appRole());
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the contact tables: " + ex.getMessage(), ex);
		}
	}

	private static void seed(ConfigurableApplicationContext context, TenancyDatabase database) {
		EncryptedContactRepository encrypted = context.getBean(EncryptedContactRepository.class);
		PlainContactRepository plain = context.getBean(PlainContactRepository.class);
		for (Member member : database.members()) {
			List<EncryptedContact> encryptedContacts = new ArrayList<>();
			List<PlainContact> plainContacts = new ArrayList<>();
			for (int n = 1; n <= TenancyDatabase.NOTES_PER_TENANT; n++) {
				String name = "Contact " + n + " of " + member.slug();
				String email = "contact." + n + "@" + member.slug() + ".example.com";
				String phone = "+49 30 1234 " + (5600 + n);
				encryptedContacts.add(new EncryptedContact(name, email, phone));
				plainContacts.add(new PlainContact(name, email, phone));
			}
			TenantScope.run(member.tenantId(), () -> {
				encrypted.saveAll(encryptedContacts);
				plain.saveAll(plainContacts);
			});
		}
		try (Connection connection = database.admin().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("analyze");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	/**
	 * Fails the trial unless: a member's two lists hold the same
	 * {@value TenancyDatabase#NOTES_PER_TENANT} contacts of their own tenant (and no
	 * other), a request without a token gets 401, both tables show the application's role
	 * no rows without a tenant bound (row-level security on), the tenant is bound to
	 * transactions, and at rest {@code contacts} holds only ciphertexts and blind indexes
	 * while {@code plain_contacts} holds the plaintexts.
	 */
	private void verify() {
		Member caller = this.database.members().get(0);
		String authorization = "Bearer " + token(caller);
		JsonNode encryptedList = list(EncryptedContactsController.ENCRYPTED, authorization);
		JsonNode plainList = list(EncryptedContactsController.PLAIN, authorization);
		require(encryptedList.size() == TenancyDatabase.NOTES_PER_TENANT
				&& plainList.size() == TenancyDatabase.NOTES_PER_TENANT,
				"the lists hold " + encryptedList.size() + " and " + plainList.size() + " contacts, expected "
						+ TenancyDatabase.NOTES_PER_TENANT);
		require(contents(encryptedList).equals(contents(plainList)),
				"the lists differ: " + encryptedList + " and " + plainList);
		for (JsonNode contact : encryptedList) {
			require(caller.tenantId().toString().equals(contact.get("tenantId").asString()),
					"the list holds a contact of tenant " + contact.get("tenantId"));
			require(contact.get("email").asString().endsWith("@" + caller.slug() + ".example.com"),
					"a contact's e-mail is " + contact.get("email"));
		}
		Response anonymous = this.client.send(this.client.get(EncryptedContactsController.ENCRYPTED, null));
		require(anonymous.status() == 401, "a request without a token answered " + anonymous.status());
		int all = TenancyDatabase.TENANTS * TenancyDatabase.NOTES_PER_TENANT;
		for (String table : List.of("contacts", "plain_contacts")) {
			String qualified = TenancyDatabase.RLS_SCHEMA + "." + table;
			require(this.database.countAsApplication(qualified, null) == 0,
					qualified + " shows rows to the application role without a tenant: row-level security is off");
			require(count(qualified, "true") == all, qualified + " does not hold " + all + " rows");
		}
		require(count(TenancyDatabase.RLS_SCHEMA + ".contacts",
				"email like 'fe1.%' and phone like 'fe1.%' and email_index like '1.%' and phone_index like '1.%'") == all,
				"rls.contacts holds values that are not encrypted or not indexed");
		require(count(TenancyDatabase.RLS_SCHEMA + ".plain_contacts", "email like 'contact.%'") == all,
				"rls.plain_contacts does not hold the plain e-mails");
		boolean binding = ((EntityManagerFactoryInfo) this.context.getBean(EntityManagerFactory.class))
			.getJpaDialect() instanceof TenantBindingJpaDialect;
		require(binding, "the JPA dialect does not bind the tenant to transactions");
		require(this.context.getBeanProvider(FieldEncryptor.class).getIfAvailable() != null,
				"no FieldEncryptor is configured");
	}

	private JsonNode list(String path, String authorization) {
		Response response = this.client.send(this.client.get(path, authorization));
		require(response.status() == 200, path + " answered " + response.status() + ": " + response.body());
		return json.readTree(response.body());
	}

	private static List<String> contents(JsonNode list) {
		List<String> contents = new ArrayList<>();
		for (JsonNode contact : list) {
			contents.add(contact.get("tenantId").asString() + "|" + contact.get("name").asString() + "|"
					+ contact.get("email").asString() + "|" + contact.get("phone").asString());
		}
		contents.sort(null);
		return contents;
	}

	private long count(String table, String condition) {
		try (Connection connection = this.database.admin().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select count(*) from " + table + " where " + condition)) {
			rows.next();
			return rows.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	private static void require(boolean condition, String problem) {
		if (!condition) {
			throw new IllegalStateException("Encrypted list: " + problem);
		}
	}

	private String token(Member member) {
		return this.issuer.supabase()
			.user(member.userId())
			.tenantId(member.tenantId().toString())
			.expiresIn(Duration.ofHours(8))
			.token();
	}

	/**
	 * Lists the next member's contacts from the encrypted table.
	 * @return the JSON body
	 */
	String encryptedList() {
		return send(this.encrypted[nextMember()]);
	}

	/**
	 * Lists the next member's contacts from the plain table.
	 * @return the JSON body
	 */
	String plainList() {
		return send(this.plain[nextMember()]);
	}

	private int nextMember() {
		int member = this.next;
		this.next = (member + 1 == this.encrypted.length) ? 0 : member + 1;
		return member;
	}

	private String send(byte[] request) {
		Response response = this.client.send(request);
		if (response.status() != 200) {
			throw new IllegalStateException("Answered " + response.status() + ": " + response.body());
		}
		return response.body();
	}

	@Override
	public void close() {
		try {
			this.client.close();
			this.context.close();
		}
		finally {
			try {
				this.database.close();
			}
			finally {
				this.issuer.close();
			}
		}
	}

}
