package dev.foundation.sample;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.foundation.core.paging.CursorCodec;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.rls.TenantBindingKeys;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.ScrollPosition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact list, cursor-paginated newest first: page by page without repeats or gaps
 * (ties on the creation time included), the load harness's query, cursors and sizes a
 * client got wrong, and the plan PostgreSQL runs it with.
 */
class ContactListIntegrationTests extends SampleIntegrationTestSupport {

	@Autowired
	private TenantBindingKeys bindingKeys;

	@Autowired
	private DataSource dataSource;

	@Value("${spring.datasource.url}")
	private String databaseUrl;

	@Value("${spring.flyway.user}")
	private String ownerUser;

	@Value("${spring.flyway.password}")
	private String ownerPassword;

	@Test
	void pagesNewestFirstWithoutRepeatsOrGaps() throws Exception {
		Tenant tenant = newTenant("pages");
		// 25 contacts, in groups of 3 sharing one creation time: the id decides within a
		// group.
		seed(tenant, 25, 3);
		List<String> expected = idsNewestFirst(tenant);

		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = list(tenant, "?size=7" + ((cursor != null) ? "&cursor=" + cursor : ""));
			page.path("items").valueStream().forEach((item) -> seen.add(item.path("id").asString()));
			cursor = page.path("next").isNull() ? null : page.path("next").asString();
			assertThat(cursor).as("cursors are URL-safe as they are")
				.satisfiesAnyOf((c) -> assertThat(c).isNull(),
						(c) -> assertThat(c).isEqualTo(URLEncoder.encode(c, StandardCharsets.UTF_8)));
			pages++;
		}
		while (cursor != null && pages < 10);
		assertThat(pages).isEqualTo(4);
		assertThat(seen).containsExactlyElementsOf(expected);
	}

	@Test
	void harnessQueryReturnsTheNewestTwentyInTheFirstArray() throws Exception {
		Tenant tenant = newTenant("harness");
		seed(tenant, 30, 1);
		JsonNode page = list(tenant, "?size=20&sort=createdAt,desc");
		JsonNode firstArray = page.valueStream().filter(JsonNode::isArray).findFirst().orElseThrow();
		assertThat(firstArray.valueStream().map((item) -> item.path("id").asString()).toList())
			.containsExactlyElementsOf(idsNewestFirst(tenant).subList(0, 20));
		assertThat(page.has("totalElements")).isFalse();
		HttpResponse<String> response = send(as(tenant, "/api/v1/contacts?size=20&sort=createdAt,desc"));
		assertThat(response.headers().firstValue("Link"))
			.hasValue("</api/v1/contacts?size=20&sort=createdAt,desc&cursor=" + page.path("next").asString()
					+ ">; rel=\"next\"");
		// Without a size, the default (foundation.paging.default-size) applies.
		assertThat(list(tenant, "").path("items").size()).isEqualTo(20);
	}

	@Test
	void nameFilterPagesToo() throws Exception {
		Tenant tenant = newTenant("filter");
		seed(tenant, 12, 1);
		JsonNode first = list(tenant, "?name=SEEDED%201&size=2");
		// "Seeded 1", "Seeded 10", "Seeded 11" and "Seeded 12", newest first.
		assertThat(names(first)).containsExactly("Seeded 12", "Seeded 11");
		JsonNode second = list(tenant, "?name=SEEDED%201&size=2&cursor=" + first.path("next").asString());
		assertThat(names(second)).containsExactly("Seeded 10", "Seeded 1");
		assertThat(second.path("next").isNull()).isTrue();
		// The client's % and _ are text: no contact's name holds them.
		assertThat(names(list(tenant, "?name=%25"))).isEmpty();
		assertThat(names(list(tenant, "?name=Seeded_1"))).isEmpty();
	}

	@Test
	void cursorsAndSizesAClientGotWrongAreBadRequests() throws Exception {
		Tenant tenant = newTenant("wrong");
		seed(tenant, 3, 1);
		String next = list(tenant, "?size=1").path("next").asString();
		assertThat(list(tenant, "?size=1&cursor=" + next).path("items").size()).isOne();

		String tampered = next.substring(0, next.length() - 3);
		String foreignKeys = CursorCodec.encode(ScrollPosition.forward(Map.of("name", "x", "id", UUID.randomUUID())));
		String foreignTypes = CursorCodec
			.encode(ScrollPosition.forward(Map.of("createdAt", "yesterday", "id", UUID.randomUUID())));
		for (String query : List.of("?cursor=garbage!", "?cursor=" + tampered, "?cursor=" + foreignKeys,
				"?cursor=" + foreignTypes, "?cursor=" + "A".repeat(CursorCodec.MAX_LENGTH + 1), "?size=0", "?size=101",
				"?size=-1", "?size=ten", "?size=1.5", "?sort=name,asc")) {
			HttpResponse<String> response = send(as(tenant, "/api/v1/contacts" + query));
			assertProblem(response, 400, "bad-request");
			assertThat(response.body()).as(query).doesNotContain("Exception", "at dev.", "garbage");
		}
		// Without the tie-breaker key the position names no row: refused rather than
		// guessed.
		String createdAtOnly = CursorCodec.encode(ScrollPosition.forward(Map.of("createdAt", Instant.now())));
		assertProblem(send(as(tenant, "/api/v1/contacts?cursor=" + createdAtOnly)), 400, "bad-request");
	}

	@Test
	void aPageReadsAPageOfIndexEntriesNotTheTenantsRows() throws Exception {
		// Enough rows for the index to matter: with a few thousand, a bitmap scan of the
		// tenant's handful of pages and a
		// sort may cost PostgreSQL the same. Analyzed, as autovacuum does in production:
		// a plan made without
		// statistics guesses one row per tenant, and any index then looks as good as
		// another.
		Tenant tenant = newTenant("plan");
		seed(tenant, 20_000, 1);
		try (Connection owner = DriverManager.getConnection(this.databaseUrl, this.ownerUser, this.ownerPassword);
				Statement statement = owner.createStatement()) {
			statement.execute("analyze contacts");
		}
		JsonNode page = list(tenant, "?size=20");
		assertReadsOnePage(explain(tenant, RecordingStatementInspector.last(" from contacts "), null, null));
		for (int i = 0; i < 50; i++) {
			page = list(tenant, "?size=20&cursor=" + page.path("next").asString());
		}
		// Page 51, after the 1,000 newest contacts: the index is entered at the position,
		// not walked from the start.
		JsonNode last = page.path("items").get(19);
		JsonNode plan = explain(tenant, RecordingStatementInspector.last(" from contacts "),
				Instant.parse(last.path("createdAt").asString()), UUID.fromString(last.path("id").asString()));
		JsonNode scan = assertReadsOnePage(plan);
		assertThat(scan.path("Index Cond").asString()).contains("created_at <=");
		// The position's own row is the only one read and left out.
		assertThat(scan.path("Rows Removed by Filter").asInt()).isLessThanOrEqualTo(1);
	}

	private static JsonNode assertReadsOnePage(JsonNode plan) {
		JsonNode scan = node(plan, "Index Scan");
		assertThat(scan.path("Index Name").asString()).as(plan.toPrettyString())
			.isEqualTo("contacts_tenant_created_idx");
		assertThat(scan.path("Index Cond").asString()).contains("tenant_id");
		// The page and one more row, to know whether a next page exists.
		assertThat(scan.path("Actual Rows").asInt()).isEqualTo(21);
		assertThat(plan.toString()).doesNotContain("\"Sort\"", "Seq Scan", "Bitmap");
		return scan;
	}

	/**
	 * EXPLAIN ANALYZE of a statement Hibernate ran, as the application's role in the
	 * tenant's bound transaction, with its parameters bound by the column each is
	 * compared with.
	 */
	private JsonNode explain(Tenant tenant, String sql, @Nullable Instant createdAt, @Nullable UUID id)
			throws Exception {
		Matcher parameters = Pattern.compile("(\\w+) ?(?:<=|>=|<|>|=) ?\\?|fetch first \\?").matcher(sql);
		List<Object> values = new ArrayList<>();
		while (parameters.find()) {
			String column = (parameters.group(1) != null) ? parameters.group(1) : "fetch first";
			values.add(switch (column) {
				case "tenant_id" -> tenant.id();
				case "created_at" -> OffsetDateTime.ofInstant(Objects.requireNonNull(createdAt), ZoneOffset.UTC);
				case "id" -> Objects.requireNonNull(id);
				case "fetch first" -> 21;
				default -> throw new AssertionError("Unexpected parameter for " + column + " in " + sql);
			});
		}
		return inTenant(tenant, (connection) -> {
			try (PreparedStatement explain = connection.prepareStatement("explain (analyze, format json) " + sql)) {
				for (int i = 0; i < values.size(); i++) {
					explain.setObject(i + 1, values.get(i));
				}
				try (ResultSet row = explain.executeQuery()) {
					row.next();
					return json.readTree(row.getString(1)).get(0).path("Plan");
				}
			}
		});
	}

	private static JsonNode node(JsonNode plan, String type) {
		if (type.equals(plan.path("Node Type").asString())) {
			return plan;
		}
		for (JsonNode child : plan.path("Plans")) {
			try {
				return node(child, type);
			}
			catch (AssertionError ex) {
				// Not in this branch.
			}
		}
		throw new AssertionError("No " + type + " in " + plan.toPrettyString());
	}

	private Tenant newTenant(String prefix) {
		return this.tenants.create(uniqueSlug(prefix), prefix, SampleAuthentication.user(SampleAuthentication.USER_ID));
	}

	/**
	 * Inserts contacts "Seeded 1".."Seeded n" as the application's role, in the tenant's
	 * bound transaction; every {@code tie} consecutive ones share a creation time, later
	 * numbers being newer.
	 */
	private void seed(Tenant tenant, int count, int tie) throws Exception {
		inTenant(tenant, (connection) -> {
			try (PreparedStatement insert = connection.prepareStatement("""
					insert into contacts (id, tenant_id, name, created_at, updated_at, version)
					select gen_random_uuid(), ?, 'Seeded ' || n,
						timestamptz '2026-01-01 00:00:00+00' + ((n - 1) / ?) * interval '1 second', now(), 0
					from generate_series(1, ?) as n""")) {
				insert.setObject(1, tenant.id());
				insert.setInt(2, tie);
				insert.setInt(3, count);
				insert.executeUpdate();
			}
			return null;
		});
	}

	private List<String> idsNewestFirst(Tenant tenant) throws Exception {
		return inTenant(tenant, (connection) -> {
			List<String> ids = new ArrayList<>();
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery(
							"select id from contacts where deleted_at is null order by created_at desc, id desc")) {
				while (rows.next()) {
					ids.add(rows.getString(1));
				}
			}
			return ids;
		});
	}

	private <T> T inTenant(Tenant tenant, SqlWork<T> work) throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("select set_config('foundation.tenant_binding', '"
						+ this.bindingKeys.get().binding(tenant.id()) + "', true)");
			}
			T result = work.run(connection);
			connection.commit();
			return result;
		}
	}

	private JsonNode list(Tenant tenant, String query) throws Exception {
		HttpResponse<String> response = send(as(tenant, "/api/v1/contacts" + query));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static List<String> names(JsonNode page) {
		return page.path("items").valueStream().map((item) -> item.path("name").asString()).toList();
	}

	private java.net.http.HttpRequest.Builder as(Tenant tenant, String path) {
		return withToken(path, SampleAuthentication.userToken()).header("X-Tenant-Id", tenant.slug());
	}

	@FunctionalInterface
	private interface SqlWork<T> {

		T run(Connection connection) throws Exception;

	}

}
