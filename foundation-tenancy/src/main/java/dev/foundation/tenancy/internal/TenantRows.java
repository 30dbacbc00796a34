package dev.foundation.tenancy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.tenancy.TenantStatus;

/**
 * Mapping between rows and the API's records; enum values are stored lowercase.
 */
final class TenantRows {

	static final String TENANT_COLUMNS = "t.id, t.slug, t.name, t.status, t.created_at";

	static final String MEMBERSHIP_COLUMNS = "m.tenant_id, m.issuer, m.user_id, m.role, m.created_at";

	private TenantRows() {
	}

	static Tenant tenant(ResultSet rs, int row) throws SQLException {
		return new Tenant(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
				TenantStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), instant(rs, "created_at"));
	}

	static Membership membership(ResultSet rs, int row) throws SQLException {
		return new Membership(rs.getObject("tenant_id", UUID.class),
				new UserIdentity(rs.getString("issuer"), rs.getString("user_id")), role(rs.getString("role")),
				instant(rs, "created_at"));
	}

	static TenantRole role(String value) {
		return TenantRole.valueOf(value.toUpperCase(Locale.ROOT));
	}

	static String status(TenantStatus status) {
		return status.name().toLowerCase(Locale.ROOT);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

}
