package dev.foundation.core.auth.apikey;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.persistence.FoundationSchemaMigration;
import dev.foundation.test.TestPostgres;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link JdbcApiKeyService} against a real PostgreSQL migrated by the foundation's own
 * Flyway history. Each test works in a tenant of its own, so they share one database.
 */
class JdbcApiKeyServiceIntegrationTests {

	private static final Instant NOW = Instant.parse("2030-01-15T10:00:00Z");

	private static DataSource dataSource;

	private static JdbcClient jdbc;

	private final AtomicInteger connections = new AtomicInteger();

	private final MutableClock clock = new MutableClock(NOW);

	private JdbcApiKeyService apiKeys;

	private String tenant;

	@BeforeAll
	static void migrateFreshDatabase() {
		TestPostgres postgres = TestPostgres.shared();
		dataSource = postgres.dataSource(postgres.createDatabase("apikeys"));
		new FoundationSchemaMigration(dataSource, "foundation", "foundation_schema_history", "classpath:db/foundation")
			.afterPropertiesSet();
		jdbc = JdbcClient.create(dataSource);
	}

	@BeforeEach
	void createService() {
		DataSource counting = new DelegatingDataSource(dataSource) {

			@Override
			public Connection getConnection() throws SQLException {
				JdbcApiKeyServiceIntegrationTests.this.connections.incrementAndGet();
				return super.getConnection();
			}

		};
		this.apiKeys = new JdbcApiKeyService(JdbcClient.create(counting), "foundation", this.clock);
		this.tenant = "tenant-" + UUID.randomUUID();
	}

	@Test
	void issuedKeyAuthenticatesWithItsTenantAndRoles() {
		IssuedApiKey issued = this.apiKeys.issue("billing-sync", this.tenant, Set.of("billing", "reader"), null);

		assertThat(this.apiKeys.authenticate(issued.plaintext())).hasValueSatisfying((principal) -> {
			assertThat(principal.userId()).isEqualTo("apikey:" + issued.key().id());
			assertThat(principal.provider()).isEqualTo(AuthProvider.API_KEY);
			assertThat(principal.issuer()).isEqualTo("foundation-api-key");
			assertThat(principal.email()).isNull();
			assertThat(principal.tenantId()).isEqualTo(this.tenant);
			assertThat(principal.roles()).containsExactlyInAnyOrder("billing", "reader");
			assertThat(principal.factorVerifiedAt()).isNull();
			assertThat(principal.claims())
				.isEqualTo(Map.of("api_key_id", issued.key().id().toString(), "api_key_name", "billing-sync"));
		});
	}

	@Test
	void keyOfNoTenantAndNoRolesAuthenticates() {
		IssuedApiKey issued = this.apiKeys.issue("ops", null, Set.of(), null);

		assertThat(this.apiKeys.authenticate(issued.plaintext())).hasValueSatisfying((principal) -> {
			assertThat(principal.tenantId()).isNull();
			assertThat(principal.roles()).isEmpty();
		});
	}

	@Test
	void issuedKeyHasTheDocumentedShape() {
		IssuedApiKey issued = this.apiKeys.issue("billing-sync", this.tenant, Set.of(), null);

		assertThat(issued.plaintext()).matches("fdn_[a-z2-7]{8}_[A-Za-z0-9_-]{43}")
			.startsWith("fdn_" + issued.key().prefix() + "_");
		assertThat(issued.toString()).doesNotContain(issued.plaintext().substring(13));
	}

	@Test
	void databaseHoldsNoPlaintext() {
		IssuedApiKey issued = this.apiKeys.issue("billing-sync", this.tenant, Set.of("billing"), null);
		this.apiKeys.authenticate(issued.plaintext());
		String plaintext = issued.plaintext();
		String secret = plaintext.substring(13);
		String plaintextHex = HexFormat.of().formatHex(plaintext.getBytes(StandardCharsets.US_ASCII));
		String secretHex = HexFormat.of().formatHex(secret.getBytes(StandardCharsets.US_ASCII));

		List<String> tables = jdbc
			.sql("select table_schema || '.' || table_name from information_schema.tables"
					+ " where table_schema not in ('pg_catalog', 'information_schema')")
			.query(String.class)
			.list();
		assertThat(tables).contains("foundation.api_keys");
		for (String table : tables) {
			List<String> rows = jdbc.sql("select t::text from " + table + " t").query(String.class).list();
			assertThat(rows).as(table)
				.noneMatch((row) -> row.contains(secret) || row.contains(secretHex) || row.contains(plaintextHex)
						|| row.toLowerCase().contains(secret.toLowerCase()));
		}
		byte[] stored = jdbc.sql("select secret_hash from foundation.api_keys where id = ?")
			.param(issued.key().id())
			.query(byte[].class)
			.single();
		assertThat(stored).hasSize(32).isEqualTo(ApiKeyFormat.hash(plaintext));
	}

	@Test
	void wrongSecretWithValidPrefixFails() {
		IssuedApiKey issued = this.apiKeys.issue("billing-sync", this.tenant, Set.of("billing"), null);
		String other = ApiKeyFormat.generate(new java.security.SecureRandom());
		String forged = "fdn_" + issued.key().prefix() + "_" + other.substring(13);

		assertThat(this.apiKeys.authenticate(forged)).isEmpty();
	}

	@Test
	void tamperedOrTruncatedKeyFails() {
		String key = this.apiKeys.issue("billing-sync", this.tenant, Set.of(), null).plaintext();
		char last = key.charAt(key.length() - 1);
		String tampered = key.substring(0, key.length() - 1) + ((last == 'A') ? 'B' : 'A');

		assertThat(this.apiKeys.authenticate(tampered)).isEmpty();
		assertThat(this.apiKeys.authenticate(key.substring(0, key.length() - 1))).isEmpty();
		assertThat(this.apiKeys.authenticate(key + "A")).isEmpty();
		assertThat(this.apiKeys.authenticate(key.toUpperCase())).isEmpty();
		assertThat(this.apiKeys.authenticate(key)).isPresent();
	}

	@Test
	void issueAndRevokePublishEventsWithoutTheSecret() {
		List<Object> published = new ArrayList<>();
		this.apiKeys.setApplicationEventPublisher(published::add);

		IssuedApiKey issued = this.apiKeys.issue("exporter", this.tenant, Set.of("reader"), null);
		this.apiKeys.revoke(this.tenant, issued.key().id());
		this.apiKeys.revoke(this.tenant, issued.key().id());

		assertThat(published).containsExactly(new ApiKeyIssuedEvent(issued.key()),
				new ApiKeyRevokedEvent(issued.key().id(), this.tenant));
		assertThat(published.toString()).doesNotContain(issued.plaintext());
	}

	@Test
	void revokedKeyFails() {
		IssuedApiKey revoked = this.apiKeys.issue("old", this.tenant, Set.of(), null);
		IssuedApiKey kept = this.apiKeys.issue("new", this.tenant, Set.of(), null);

		assertThat(this.apiKeys.revoke(this.tenant, revoked.key().id())).isTrue();

		assertThat(this.apiKeys.authenticate(revoked.plaintext())).isEmpty();
		assertThat(this.apiKeys.authenticate(kept.plaintext())).isPresent();
		assertThat(this.apiKeys.revoke(this.tenant, revoked.key().id())).as("already revoked").isFalse();
		assertThat(this.apiKeys.revoke(this.tenant, UUID.randomUUID())).as("unknown").isFalse();
		assertThat(this.apiKeys.list(this.tenant)).filteredOn((key) -> key.id().equals(revoked.key().id()))
			.singleElement()
			.extracting(ApiKey::revokedAt)
			.isEqualTo(NOW);
	}

	@Test
	void revokingAnotherTenantsKeyByIdLeavesItActive() {
		String otherTenant = "tenant-" + UUID.randomUUID();
		IssuedApiKey victim = this.apiKeys.issue("victim", otherTenant, Set.of("admin"), null);
		IssuedApiKey untenanted = this.apiKeys.issue("platform", null, Set.of(), null);

		assertThat(this.apiKeys.revoke(this.tenant, victim.key().id())).as("another tenant's key").isFalse();
		assertThat(this.apiKeys.revoke(null, victim.key().id())).as("a tenant's key, as no tenant").isFalse();
		assertThat(this.apiKeys.revoke(this.tenant, untenanted.key().id())).as("a key of no tenant").isFalse();

		assertThat(this.apiKeys.authenticate(victim.plaintext())).isPresent();
		assertThat(this.apiKeys.authenticate(untenanted.plaintext())).isPresent();
		assertThat(this.apiKeys.list(otherTenant)).singleElement().extracting(ApiKey::revokedAt).isNull();

		assertThat(this.apiKeys.revoke(otherTenant, victim.key().id())).as("its own tenant").isTrue();
		assertThat(this.apiKeys.revoke(null, untenanted.key().id())).as("no tenant").isTrue();
		assertThat(this.apiKeys.authenticate(victim.plaintext())).isEmpty();
		assertThat(this.apiKeys.authenticate(untenanted.plaintext())).isEmpty();
	}

	@Test
	void expiredKeyFails() {
		IssuedApiKey issued = this.apiKeys.issue("temporary", this.tenant, Set.of(), NOW.plus(Duration.ofHours(1)));

		this.clock.set(NOW.plus(Duration.ofMinutes(59)));
		assertThat(this.apiKeys.authenticate(issued.plaintext())).isPresent();
		this.clock.set(NOW.plus(Duration.ofHours(1)));
		assertThat(this.apiKeys.authenticate(issued.plaintext())).isEmpty();
		this.clock.set(NOW.plus(Duration.ofDays(1)));
		assertThat(this.apiKeys.authenticate(issued.plaintext())).isEmpty();
		assertThat(this.apiKeys.revoke(this.tenant, issued.key().id())).as("an expired key was no longer active")
			.isFalse();
	}

	@Test
	void keyCannotBeIssuedAlreadyExpired() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.apiKeys.issue("stale", this.tenant, Set.of(), NOW.minusSeconds(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.apiKeys.issue(" ", this.tenant, Set.of(), null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.apiKeys.issue("x".repeat(101), this.tenant, Set.of(), null));
	}

	@ParameterizedTest
	@MethodSource("malformedKeys")
	void malformedKeyFailsWithoutTouchingTheDatabase(String presented) {
		this.connections.set(0);

		assertThat(this.apiKeys.authenticate(presented)).isEmpty();
		assertThat(this.connections).hasValue(0);
	}

	static Stream<String> malformedKeys() {
		return Stream.of("", "fdn_", "fdn__", "' OR 1=1 --", "fdn_' OR 1=1 --_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
				"x".repeat(10 * 1024), "fdn_abcdefgh_" + "A".repeat(10 * 1024), "fdn_abcdefgh_" + "\u00e9".repeat(43),
				"fdn_\u0430bcdefgh_" + "A".repeat(43), "fdn_abcdefgh_" + "A".repeat(42) + "\u0000",
				"\uD83D\uDD11".repeat(28), "Bearer fdn_abcdefgh_" + "A".repeat(43));
	}

	@Test
	void wellFormedUnknownKeyFails() {
		assertThat(this.apiKeys.authenticate(ApiKeyFormat.generate(new java.security.SecureRandom()))).isEmpty();
	}

	@Test
	void twoKeysAreDistinct() {
		IssuedApiKey first = this.apiKeys.issue("same", this.tenant, Set.of("billing"), null);
		IssuedApiKey second = this.apiKeys.issue("same", this.tenant, Set.of("billing"), null);

		assertThat(first.plaintext()).isNotEqualTo(second.plaintext());
		assertThat(first.key().id()).isNotEqualTo(second.key().id());
		assertThat(first.key().prefix()).isNotEqualTo(second.key().prefix());
		assertThat(this.apiKeys.authenticate(first.plaintext())).get()
			.extracting((principal) -> principal.userId())
			.isEqualTo("apikey:" + first.key().id());
		assertThat(this.apiKeys.authenticate(second.plaintext())).get()
			.extracting((principal) -> principal.userId())
			.isEqualTo("apikey:" + second.key().id());
	}

	@Test
	void listShowsTheTenantsKeysNewestFirstWithoutSecrets() {
		IssuedApiKey older = this.apiKeys.issue("older", this.tenant, Set.of("reader"), null);
		this.clock.set(NOW.plusSeconds(1));
		IssuedApiKey newer = this.apiKeys.issue("newer", this.tenant, Set.of("billing"), NOW.plus(Duration.ofDays(30)));
		this.apiKeys.issue("elsewhere", "other-" + this.tenant, Set.of(), null);

		List<ApiKey> listed = this.apiKeys.list(this.tenant);

		assertThat(listed).containsExactly(newer.key(), older.key());
		assertThat(listed.toString()).doesNotContain(older.plaintext().substring(13))
			.doesNotContain(newer.plaintext().substring(13));
		assertThat(this.apiKeys.list(null)).noneMatch((key) -> this.tenant.equals(key.tenantId()));
	}

	@Test
	void lastUseIsRecordedAtMostOnceAMinute() {
		IssuedApiKey issued = this.apiKeys.issue("busy", this.tenant, Set.of(), null);
		assertThat(lastUsedAt(issued)).isNull();

		this.apiKeys.authenticate(issued.plaintext());
		assertThat(lastUsedAt(issued)).isEqualTo(NOW);

		this.clock.set(NOW.plusSeconds(30));
		this.connections.set(0);
		this.apiKeys.authenticate(issued.plaintext());
		assertThat(this.connections).as("a read, no write").hasValue(1);
		assertThat(lastUsedAt(issued)).isEqualTo(NOW);

		this.clock.set(NOW.plusSeconds(61));
		this.apiKeys.authenticate(issued.plaintext());
		assertThat(lastUsedAt(issued)).isEqualTo(NOW.plusSeconds(61));
	}

	private static @Nullable Instant lastUsedAt(IssuedApiKey issued) {
		OffsetDateTime value = jdbc.sql("select last_used_at from foundation.api_keys where id = ?")
			.param(issued.key().id())
			.query((rs, row) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)))
			.single()
			.orElse(null);
		return (value != null) ? value.toInstant() : null;
	}

	/** A clock the test moves. */
	private static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void set(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
