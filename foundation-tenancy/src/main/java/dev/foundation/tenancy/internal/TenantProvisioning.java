package dev.foundation.tenancy.internal;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.core.error.ConflictException;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantChange;
import dev.foundation.tenancy.TenantRole;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * External ids and just-in-time provisioning. Every method but {@link #findByExternalId}
 * runs inside the caller's transaction.
 */
final class TenantProvisioning {

	/**
	 * Why 20: enough numbered slugs for organizations sharing a name; past them a random
	 * suffix avoids a scan.
	 */
	private static final int NUMBERED_SLUGS = 20;

	private static final String LOCK_NAMESPACE = "foundation.tenancy.external-id:";

	private final JdbcClient jdbc;

	private final String tenants;

	private final String externalIds;

	private final String memberships;

	private final MembershipNotifier notifier;

	private final TenantNotifier tenantNotifier;

	TenantProvisioning(JdbcClient jdbc, String tenants, String externalIds, String memberships,
			MembershipNotifier notifier, TenantNotifier tenantNotifier) {
		this.jdbc = jdbc;
		this.tenants = tenants;
		this.externalIds = externalIds;
		this.memberships = memberships;
		this.notifier = notifier;
		this.tenantNotifier = tenantNotifier;
	}

	Optional<Tenant> findByExternalId(String issuer, String externalId) {
		return this.jdbc
			.sql("select " + TenantRows.TENANT_COLUMNS + " from " + this.tenants + " t join " + this.externalIds
					+ " e on e.tenant_id = t.id where e.issuer = ? and e.external_id = ?")
			.params(issuer, externalId)
			.query(TenantRows::tenant)
			.optional();
	}

	void link(UUID tenantId, String issuer, String externalId) {
		lockExternalId(issuer, externalId);
		int inserted = this.jdbc
			.sql("insert into " + this.externalIds + " (tenant_id, issuer, external_id) values (?, ?, ?)"
					+ " on conflict (issuer, external_id) do nothing")
			.params(tenantId, issuer, externalId)
			.update();
		if (inserted == 0) {
			UUID linked = findByExternalId(issuer, externalId).map(Tenant::id).orElse(null);
			if (!tenantId.equals(linked)) {
				throw new ConflictException("The organization is linked to another tenant");
			}
		}
		else {
			this.tenantNotifier.changed(tenantId, TenantChange.Kind.EXTERNAL_ID_LINKED);
		}
	}

	Tenant provision(String issuer, String externalId, @Nullable String slugHint, String name, UserIdentity user,
			TenantRole role) {
		// Why an advisory lock: the first requests of an organization race; the lock
		// makes them take turns, and
		// each re-reads after getting it, so only the first creates the tenant. It ends
		// with the transaction.
		lockExternalId(issuer, externalId);
		Optional<Tenant> existing = findByExternalId(issuer, externalId);
		if (existing.isPresent()) {
			ensureMembership(existing.get().id(), user, role);
			return existing.get();
		}
		Tenant tenant = insertTenant(Slugs.base(slugHint, name), name);
		this.jdbc.sql("insert into " + this.externalIds + " (tenant_id, issuer, external_id) values (?, ?, ?)")
			.params(tenant.id(), issuer, externalId)
			.update();
		this.tenantNotifier.changed(tenant.id(), TenantChange.Kind.CREATED);
		ensureMembership(tenant.id(), user, role);
		return tenant;
	}

	private void ensureMembership(UUID tenantId, UserIdentity user, TenantRole role) {
		int inserted = this.jdbc
			.sql("insert into " + this.memberships + " (tenant_id, issuer, user_id, role) values (?, ?, ?, ?)"
					+ " on conflict (tenant_id, issuer, user_id) do nothing")
			.params(tenantId, user.issuer(), user.subject(), role.value())
			.update();
		if (inserted == 1) {
			this.notifier.changed(tenantId, user, null, role);
		}
	}

	private Tenant insertTenant(String base, String name) {
		List<String> candidates = Slugs.candidates(base, NUMBERED_SLUGS);
		Set<String> taken = new HashSet<>(this.jdbc.sql("select slug from " + this.tenants + " where slug = any(?)")
			.param(candidates.toArray(String[]::new))
			.query(String.class)
			.list());
		for (String slug : candidates) {
			if (!taken.contains(slug)) {
				// Why "on conflict do nothing": tenants created meanwhile by others may
				// take the slug.
				Optional<Tenant> tenant = tryInsert(slug, name);
				if (tenant.isPresent()) {
					return tenant.get();
				}
			}
		}
		while (true) {
			byte[] random = new byte[4];
			ThreadLocalRandom.current().nextBytes(random);
			Optional<Tenant> tenant = tryInsert(Slugs.suffixed(base, "-" + HexFormat.of().formatHex(random)), name);
			if (tenant.isPresent()) {
				return tenant.get();
			}
		}
	}

	private Optional<Tenant> tryInsert(String slug, String name) {
		return this.jdbc
			.sql("insert into " + this.tenants + " as t (id, slug, name) values (?, ?, ?) on conflict (slug) do nothing"
					+ " returning " + TenantRows.TENANT_COLUMNS)
			.params(UUID.randomUUID(), slug, name)
			.query(TenantRows::tenant)
			.optional();
	}

	private void lockExternalId(String issuer, String externalId) {
		// A hash collision only makes two organizations take turns; it cannot merge them.
		this.jdbc.sql("select 1 from pg_advisory_xact_lock(hashtextextended(?, 0))")
			.param(LOCK_NAMESPACE + issuer + "|" + externalId)
			.query(Integer.class)
			.single();
	}

}
