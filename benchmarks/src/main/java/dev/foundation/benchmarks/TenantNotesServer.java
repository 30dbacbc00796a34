package dev.foundation.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.foundation.benchmarks.KeepAliveHttpClient.Response;
import dev.foundation.benchmarks.TenancyDatabase.Member;
import dev.foundation.test.auth.TestJwtIssuer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One variant of {@link TenancyReadBenchmark}: its own database
 * ({@link TenancyDatabase}), a token issuer on 127.0.0.1, {@link TenantNotesApplication}
 * on embedded Tomcat at a free port, and a {@link KeepAliveHttpClient} sending requests
 * as the {@value TenancyDatabase#TENANTS} members in turn.
 * <ul>
 * <li><b>RLS on</b>: the foundation's defaults. Hibernate reads {@code rls.notes}, whose
 * rows row-level security filters, and every transaction first binds the tenant with
 * {@code set_config(..., true)}.</li>
 * <li><b>RLS off</b>: {@code foundation.tenancy.isolation.enabled=false}, Hibernate reads
 * {@code plain.notes} (same rows, no row-level security) and is given the tenant by
 * {@link TenantNotesApplication} itself.</li>
 * </ul>
 * Both connect as the same non-owner role and resolve the tenant the same way: a
 * Supabase-style RS256 token whose {@code app_metadata.tenant_id} names the tenant,
 * verified by the foundation's resource server and checked against the membership
 * (cached) by tenant resolution.
 */
final class TenantNotesServer implements AutoCloseable {

	private final boolean rls;

	private final TestJwtIssuer issuer;

	private final TenancyDatabase database;

	private final ConfigurableApplicationContext context;

	private final KeepAliveHttpClient client;

	private final byte[][] lists;

	private final byte[][] gets;

	private final byte[][][] updates;

	private int next;

	// The body each member's next update sends: alternating per member, so that every
	// update changes its row (a global alternation over an even number of members sent
	// each member the same body every time, and Hibernate then skipped the update).
	private final int[] nextBody;

	private TenantNotesServer(boolean rls, TestJwtIssuer issuer, TenancyDatabase database,
			ConfigurableApplicationContext context) {
		this.rls = rls;
		this.issuer = issuer;
		this.database = database;
		this.context = context;
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		this.client = new KeepAliveHttpClient("127.0.0.1", port);
		List<Member> members = database.members();
		this.lists = new byte[members.size()][];
		this.gets = new byte[members.size()][];
		this.updates = new byte[members.size()][][];
		this.nextBody = new int[members.size()];
		for (int i = 0; i < members.size(); i++) {
			Member member = members.get(i);
			String token = token(member);
			this.lists[i] = request(TenantNotesController.NOTES, token);
			List<UUID> notes = database.noteIds(member.tenantId());
			String note = TenantNotesController.NOTES + "/" + notes.get(i % notes.size());
			this.gets[i] = request(note, token);
			// Two bodies in turn, so that every update changes the row.
			this.updates[i] = new byte[][] { this.client.put(note, "Bearer " + token, "{\"body\":\"updated a\"}"),
					this.client.put(note, "Bearer " + token, "{\"body\":\"updated b\"}") };
		}
	}

	/**
	 * Creates the database, starts the application and checks that it isolates tenants as
	 * claimed.
	 * @param rls whether row-level security is on
	 * @return the running variant
	 */
	static TenantNotesServer start(boolean rls) {
		return start(rls, true);
	}

	/**
	 * Creates the database, starts the application and checks that it isolates tenants as
	 * claimed.
	 * @param rls whether row-level security is on
	 * @param audit whether the audit log is on ({@code foundation.audit.enabled})
	 * @return the running variant
	 */
	static TenantNotesServer start(boolean rls, boolean audit) {
		TestJwtIssuer issuer = TestJwtIssuer.start();
		TenancyDatabase database = null;
		ConfigurableApplicationContext context = null;
		try {
			// The members are users of the Supabase issuer the benchmark's tokens come
			// from.
			database = TenancyDatabase.create(issuer.baseUrl() + "/auth/v1");
			context = new SpringApplicationBuilder(TenantNotesApplication.class)
				.properties(properties(rls, database, issuer))
				.properties(Map.of("foundation.audit.enabled", Boolean.toString(audit)))
				.run();
			TenantNotesServer server = new TenantNotesServer(rls, issuer, database, context);
			new TenancySetupCheck(server, database).verify();
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

	static Map<String, Object> properties(boolean rls, TenancyDatabase database, TestJwtIssuer issuer) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "WARN");
		properties.put("server.port", "0");
		properties.put("server.address", "127.0.0.1");
		properties.put("spring.datasource.url", database.jdbcUrl());
		properties.put("spring.datasource.username", database.appRole());
		properties.put("spring.datasource.hikari.maximum-pool-size", "4");
		properties.put("spring.jpa.open-in-view", "false");
		properties.put("spring.jpa.hibernate.ddl-auto", "validate");
		properties.put("spring.jpa.properties.hibernate.default_schema",
				rls ? TenancyDatabase.RLS_SCHEMA : TenancyDatabase.PLAIN_SCHEMA);
		// Migrated by TenancyDatabase as the owner already; the application reads the
		// tenant binding key as the
		// owner too, as a deployment with a migration role does.
		properties.put("foundation.schema.user", database.ownerUser());
		properties.put("foundation.schema.password", database.ownerPassword());
		properties.put("foundation.auth.supabase.url", issuer.baseUrl());
		properties.put("foundation.tenancy.isolation.enabled", Boolean.toString(rls));
		return properties;
	}

	private String token(Member member) {
		return this.issuer.supabase()
			.user(member.userId())
			.tenantId(member.tenantId().toString())
			.expiresIn(Duration.ofHours(8))
			.token();
	}

	private byte[] request(String path, String token) {
		return this.client.get(path, "Bearer " + token);
	}

	/**
	 * Lists the notes of the next member's tenant.
	 * @return the JSON body
	 */
	String list() {
		return send(this.lists[nextMember()]);
	}

	/**
	 * Reads one note of the next member's tenant.
	 * @return the JSON body
	 */
	String get() {
		return send(this.gets[nextMember()]);
	}

	/**
	 * Changes one note of the next member's tenant.
	 * @return the JSON body
	 */
	String update() {
		int member = nextMember();
		int body = this.nextBody[member];
		this.nextBody[member] = 1 - body;
		return send(this.updates[member][body]);
	}

	private int nextMember() {
		int member = this.next;
		this.next = (member + 1 == this.lists.length) ? 0 : member + 1;
		return member;
	}

	private String send(byte[] request) {
		Response response = this.client.send(request);
		if (response.status() != 200) {
			throw new IllegalStateException("Answered " + response.status() + ": " + response.body());
		}
		return response.body();
	}

	/**
	 * Sends a request as a member.
	 * @param path the path
	 * @param member the caller, whose token names their tenant
	 * @return the response
	 */
	Response exchange(String path, @Nullable Member member) {
		return this.client.send((member != null) ? request(path, token(member)) : this.client.get(path, null));
	}

	boolean rls() {
		return this.rls;
	}

	ConfigurableApplicationContext context() {
		return this.context;
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
