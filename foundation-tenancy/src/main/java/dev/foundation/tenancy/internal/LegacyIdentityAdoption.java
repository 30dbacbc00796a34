package dev.foundation.tenancy.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.config.InvalidFoundationPropertyException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives memberships and organization ids stored before identities were kept per issuer
 * (migration V2_7) the issuer they belong to, once, at startup: the configured
 * {@code foundation.tenancy.legacy-issuer}, else the only trusted issuer (of the
 * organization's provider kind). When that is ambiguous the application does not start:
 * letting the first issuer to present a subject claim the rows would hand one issuer's
 * users to another.
 */
public final class LegacyIdentityAdoption {

	/**
	 * The property naming the issuer of rows stored before identities were kept per
	 * issuer.
	 */
	public static final String PROPERTY = "foundation.tenancy.legacy-issuer";

	private static final Logger logger = LoggerFactory.getLogger(LegacyIdentityAdoption.class);

	private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private static final String LEGACY = "legacy:";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final String memberships;

	private final String externalIds;

	/**
	 * Creates the adoption.
	 * @param jdbc the client of the database holding the foundation's schema
	 * @param transactionManager its transaction manager
	 * @param schema the foundation's schema
	 */
	public LegacyIdentityAdoption(JdbcClient jdbc, PlatformTransactionManager transactionManager, String schema) {
		if (!SCHEMA.matcher(schema).matches()) {
			throw new IllegalArgumentException("Schema must be a lowercase SQL identifier: '" + schema + "'");
		}
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.memberships = schema + ".memberships";
		this.externalIds = schema + ".tenant_external_ids";
	}

	/**
	 * Assigns issuers to the rows that have none; does nothing (one cheap query) when
	 * there are none.
	 * @param legacyIssuer the configured issuer of legacy rows, or {@code null}
	 * @param trusted the trusted issuers ({@code iss}) and their provider kinds, API keys
	 * excluded
	 */
	public void adopt(@Nullable String legacyIssuer, Map<String, AuthProvider> trusted) {
		long members = this.jdbc.sql("select count(*) from " + this.memberships + " where issuer = ''")
			.query(Long.class)
			.single();
		// A single-column query may return nulls; this one's LIKE matches none.
		List<@Nullable String> kinds = this.jdbc
			.sql("select distinct issuer from " + this.externalIds + " where issuer like '" + LEGACY + "%'")
			.query(String.class)
			.list();
		if (members == 0 && kinds.isEmpty()) {
			return;
		}
		Map<String, String> organizations = new LinkedHashMap<>();
		for (String kind : kinds) {
			if (kind != null) {
				organizations.put(kind, issuerFor(kind.substring(LEGACY.length()), legacyIssuer, trusted));
			}
		}
		String memberIssuer = (members > 0) ? issuerFor(null, legacyIssuer, trusted) : null;
		this.transactions.executeWithoutResult((status) -> {
			if (memberIssuer != null) {
				int updated = this.jdbc.sql("update " + this.memberships + " set issuer = ? where issuer = ''")
					.param(memberIssuer)
					.update();
				logger.info("Memberships stored before identities were kept per issuer: {} assigned to issuer {}",
						updated, memberIssuer);
			}
			organizations.forEach((legacy, issuer) -> {
				int updated = this.jdbc.sql("update " + this.externalIds + " set issuer = ? where issuer = ?")
					.params(issuer, legacy)
					.update();
				logger.info("Organization ids of {} stored before identities were kept per issuer: {} assigned to "
						+ "issuer {}", legacy.substring(LEGACY.length()), updated, issuer);
			});
		});
	}

	private static String issuerFor(@Nullable String kind, @Nullable String legacyIssuer,
			Map<String, AuthProvider> trusted) {
		if (legacyIssuer != null && !legacyIssuer.isBlank()) {
			if (!trusted.containsKey(legacyIssuer)) {
				throw new InvalidFoundationPropertyException(PROPERTY,
						"names '" + legacyIssuer + "', which is not a trusted issuer " + trusted.keySet(),
						"Set it to the iss of the issuer whose users the existing memberships belong to");
			}
			return legacyIssuer;
		}
		List<String> candidates = trusted.entrySet()
			.stream()
			.filter((entry) -> kind == null || entry.getValue().name().toLowerCase(Locale.ROOT).equals(kind))
			.map(Map.Entry::getKey)
			.toList();
		if (candidates.size() == 1) {
			return candidates.get(0);
		}
		String rows = (kind != null) ? "organization ids of provider " + kind : "memberships";
		throw new InvalidFoundationPropertyException(PROPERTY,
				"is not set, and " + rows + " stored before " + "identities were kept per issuer cannot be given one: "
						+ (candidates.isEmpty() ? "no trusted issuer matches"
								: "several trusted issuers could own them " + candidates),
				"Set " + PROPERTY + " to the iss of the issuer whose users they belong to (its users keep their "
						+ "tenants; users of other issuers never get them)");
	}

}
