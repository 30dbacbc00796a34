package dev.foundation.core.auth.apikey;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.foundation.core.auth.AuthEvents;
import dev.foundation.core.auth.AuthFailure;
import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.FoundationPrincipal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Contract;

/**
 * {@link ApiKeyService} on the {@code api_keys} table of the foundation's schema
 * (migration {@code V1_1__api_keys.sql}).
 * <p>
 * Security properties: keys carry 256 bits from {@link SecureRandom}; only their SHA-256
 * hash is stored, so the table never yields a usable key; a presented key is checked for
 * its exact shape before any query, found by its public prefix and compared by hash in
 * constant time ({@link MessageDigest#isEqual}); revoked and expired keys fail. No method
 * logs a key or its hash.
 */
public final class JdbcApiKeyService implements ApiKeyService, ApplicationEventPublisherAware {

	/** The issuer of every principal authenticated by an API key. */
	public static final String ISSUER = "foundation-api-key";

	/** The claim carrying the key's id. */
	public static final String KEY_ID_CLAIM = "api_key_id";

	/** The claim carrying the key's name. */
	public static final String KEY_NAME_CLAIM = "api_key_name";

	private static final Logger logger = LoggerFactory.getLogger(JdbcApiKeyService.class);

	private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	/**
	 * Why: recording every use would turn each authenticated read into a write; a minute
	 * is precise enough to tell an unused key from a used one.
	 */
	private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

	/**
	 * Why: a prefix has 40 random bits, so a clash is rare; three in a row means
	 * something else is wrong.
	 */
	private static final int ISSUE_ATTEMPTS = 3;

	private static final int MAX_NAME_LENGTH = 100;

	private static final int MAX_TENANT_LENGTH = 128;

	private static final String COLUMNS = "id, name, prefix, tenant_id, roles, created_at, expires_at, revoked_at";

	private final JdbcClient jdbc;

	private final String table;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final AuthEvents events;

	private ApplicationEventPublisher publisher = (event) -> {
	};

	/**
	 * Creates the service.
	 * @param jdbc the client of the database holding the foundation's schema
	 * @param schema the foundation's schema ({@code foundation.schema.name})
	 */
	public JdbcApiKeyService(JdbcClient jdbc, String schema) {
		this(jdbc, schema, Clock.systemUTC());
	}

	/**
	 * Creates the service with a clock, e.g. to test expiry.
	 * @param jdbc the client of the database holding the foundation's schema
	 * @param schema the foundation's schema ({@code foundation.schema.name})
	 * @param clock the source of the current time
	 */
	public JdbcApiKeyService(JdbcClient jdbc, String schema, Clock clock) {
		this(jdbc, schema, clock, AuthEvents.NONE);
	}

	/**
	 * Creates the service with a clock and a receiver of key issuance and revocation
	 * events (for metrics).
	 * @param jdbc the client of the database holding the foundation's schema
	 * @param schema the foundation's schema ({@code foundation.schema.name})
	 * @param clock the source of the current time
	 * @param events told of each key issued and revoked
	 */
	public JdbcApiKeyService(JdbcClient jdbc, String schema, Clock clock, AuthEvents events) {
		// Why: the schema name is concatenated into SQL, so it must be a plain
		// identifier, however it was configured.
		if (!SCHEMA.matcher(schema).matches()) {
			throw new IllegalArgumentException("Schema must be a lowercase SQL identifier: '" + schema + "'");
		}
		this.jdbc = jdbc;
		this.table = schema + ".api_keys";
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Sets where {@link ApiKeyIssuedEvent} and {@link ApiKeyRevokedEvent} are published
	 * (the application context, when the service is a bean); without it they go nowhere.
	 * @param publisher the publisher
	 */
	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public IssuedApiKey issue(String name, @Nullable String tenantId, Set<String> roles, @Nullable Instant expiresAt) {
		Instant now = now();
		validate(name, tenantId, roles, expiresAt, now);
		Instant expires = truncate(expiresAt);
		String[] roleArray = roles.toArray(String[]::new);
		for (int attempt = 1;; attempt++) {
			UUID id = UUID.randomUUID();
			String plaintext = ApiKeyFormat.generate(this.random);
			String prefix = Objects.requireNonNull(ApiKeyFormat.prefixOf(plaintext));
			try {
				this.jdbc
					.sql("insert into " + this.table + " (id, name, prefix, secret_hash, tenant_id, roles, created_at,"
							+ " expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
					// param() takes null, params(Object...) does not: a key may have
					// neither tenant nor expiry.
					.param(id)
					.param(name)
					.param(prefix)
					.param(ApiKeyFormat.hash(plaintext))
					.param(tenantId)
					.param(roleArray)
					.param(timestamp(now))
					.param(timestamp(expires))
					.update();
			}
			catch (DuplicateKeyException ex) {
				if (attempt == ISSUE_ATTEMPTS) {
					throw ex;
				}
				continue;
			}
			logger.info("Issued API key {} ({}) for tenant {}", id, name, tenantId);
			this.events.apiKeyIssued();
			ApiKey key = new ApiKey(id, name, prefix, tenantId, roles, now, expires, null);
			this.publisher.publishEvent(new ApiKeyIssuedEvent(key));
			return new IssuedApiKey(key, plaintext);
		}
	}

	@Override
	public Optional<FoundationPrincipal> authenticate(String presentedKey) {
		return check(presentedKey).authenticated();
	}

	@Override
	public ApiKeyCheck check(String presentedKey) {
		String prefix = ApiKeyFormat.prefixOf(presentedKey);
		if (prefix == null) {
			return ApiKeyCheck.refused(AuthFailure.API_KEY_MALFORMED);
		}
		byte[] presentedHash = ApiKeyFormat.hash(presentedKey);
		Optional<StoredKey> found = this.jdbc
			.sql("select " + COLUMNS + ", secret_hash, last_used_at from " + this.table + " where prefix = ?")
			.param(prefix)
			.query((rs, row) -> new StoredKey(key(rs), rs.getBytes("secret_hash"), instant(rs, "last_used_at")))
			.optional();
		if (found.isEmpty() || !MessageDigest.isEqual(presentedHash, found.get().secretHash())) {
			return ApiKeyCheck.refused(AuthFailure.API_KEY_UNKNOWN);
		}
		ApiKey key = found.get().key();
		Instant now = now();
		// Told apart only after the secret matched: the categories reveal nothing about
		// keys the caller does not hold.
		if (key.revokedAt() != null) {
			return ApiKeyCheck.refused(AuthFailure.API_KEY_REVOKED);
		}
		if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
			return ApiKeyCheck.refused(AuthFailure.API_KEY_EXPIRED);
		}
		recordUse(key.id(), found.get().lastUsedAt(), now);
		return ApiKeyCheck.authenticated(principal(key));
	}

	@Override
	public boolean revoke(@Nullable String tenantId, UUID id) {
		Instant now = now();
		// Why one statement: revoking must take effect at once, even when two people
		// revoke the same key. Why the
		// tenant in the where clause: a key id from a request must not reach another
		// tenant's key (IDOR).
		String tenantMatches = (tenantId != null) ? "tenant_id = ?" : "tenant_id is null";
		var statement = this.jdbc
			.sql("update " + this.table + " set revoked_at = ? where id = ? and " + tenantMatches
					+ " and revoked_at is null returning (expires_at is null or expires_at > ?)")
			.param(timestamp(now))
			.param(id);
		if (tenantId != null) {
			statement = statement.param(tenantId);
		}
		boolean wasActive = statement.param(timestamp(now)).query(Boolean.class).optional().orElse(false);
		if (wasActive) {
			logger.info("Revoked API key {} of tenant {}", id, tenantId);
			this.events.apiKeyRevoked();
			this.publisher.publishEvent(new ApiKeyRevokedEvent(id, tenantId));
		}
		return wasActive;
	}

	@Override
	public List<ApiKey> list(@Nullable String tenantId) {
		String where = (tenantId != null) ? "tenant_id = ?" : "tenant_id is null";
		var statement = this.jdbc
			.sql("select " + COLUMNS + " from " + this.table + " where " + where + " order by created_at desc, id");
		if (tenantId != null) {
			statement = statement.param(tenantId);
		}
		return statement.query((rs, row) -> key(rs)).list();
	}

	private void recordUse(UUID id, @Nullable Instant lastUsedAt, Instant now) {
		if (lastUsedAt != null && lastUsedAt.isAfter(now.minus(LAST_USED_PRECISION))) {
			return;
		}
		try {
			// The condition keeps concurrent requests (and other instances) from writing
			// the same minute twice.
			this.jdbc
				.sql("update " + this.table + " set last_used_at = ? where id = ?"
						+ " and (last_used_at is null or last_used_at <= ?)")
				.params(timestamp(now), id, timestamp(now.minus(LAST_USED_PRECISION)))
				.update();
		}
		catch (DataAccessException ex) {
			// Why: last use is bookkeeping; a read-only replica or a lock must not turn a
			// valid key away.
			logger.warn("Could not record the use of API key {}: {}", id, ex.getMessage());
		}
	}

	private static FoundationPrincipal principal(ApiKey key) {
		return new FoundationPrincipal("apikey:" + key.id(), AuthProvider.API_KEY, ISSUER, null, key.tenantId(),
				key.roles(), null, Map.of(KEY_ID_CLAIM, key.id().toString(), KEY_NAME_CLAIM, key.name()));
	}

	private static void validate(String name, @Nullable String tenantId, Set<String> roles, @Nullable Instant expiresAt,
			Instant now) {
		if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
			throw new IllegalArgumentException("name must have 1 to " + MAX_NAME_LENGTH + " characters");
		}
		if (tenantId != null && (tenantId.isBlank() || tenantId.length() > MAX_TENANT_LENGTH)) {
			throw new IllegalArgumentException(
					"tenantId must be null or have 1 to " + MAX_TENANT_LENGTH + " characters");
		}
		if (roles.stream().anyMatch((role) -> role == null || role.isBlank())) {
			throw new IllegalArgumentException("roles must not be blank");
		}
		if (expiresAt != null && !expiresAt.isAfter(now)) {
			throw new IllegalArgumentException("expiresAt must be in the future");
		}
	}

	private static ApiKey key(ResultSet rs) throws SQLException {
		return new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("prefix"),
				rs.getString("tenant_id"), roles(rs.getArray("roles")),
				Objects.requireNonNull(instant(rs, "created_at")), instant(rs, "expires_at"),
				instant(rs, "revoked_at"));
	}

	private static Set<String> roles(@Nullable Array array) throws SQLException {
		if (array == null) {
			return Set.of();
		}
		try {
			Set<String> roles = new LinkedHashSet<>();
			for (Object role : (Object[]) array.getArray()) {
				if (role != null) {
					roles.add(role.toString());
				}
			}
			return roles;
		}
		finally {
			array.free();
		}
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	@Contract("!null -> !null")
	private static @Nullable OffsetDateTime timestamp(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static @Nullable Instant truncate(@Nullable Instant instant) {
		// PostgreSQL keeps (and rounds to) microseconds: truncating first makes what
		// issue() returns equal what
		// list() reads back.
		return (instant != null) ? instant.truncatedTo(ChronoUnit.MICROS) : null;
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/** A row as authentication needs it. */
	private record StoredKey(ApiKey key, byte[] secretHash, @Nullable Instant lastUsedAt) {

	}

}
