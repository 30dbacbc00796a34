package dev.foundation.tenancy.internal;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.foundation.core.auth.UserIdentity;
import dev.foundation.core.error.ConflictException;
import dev.foundation.core.error.NotFoundException;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.MembershipListener;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantChange;
import dev.foundation.tenancy.TenantDirectory;
import dev.foundation.tenancy.TenantListener;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.tenancy.TenantStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link TenantDirectory} on the {@code tenants}, {@code tenant_external_ids} and
 * {@code memberships} tables of the foundation's schema (migration
 * {@code V2_0__tenants.sql}).
 * <p>
 * Concurrency: every change to a tenant's memberships first locks the tenant's row, so
 * two changes of one tenant's members run one after the other and the last-owner check
 * counts committed owners; provisioning and linking of an external id are serialized by a
 * transaction-scoped advisory lock on the provider and id, so concurrent first requests
 * of an organization create one tenant. The {@link JdbcClient} and the transaction
 * manager must work on the same {@code DataSource}.
 */
public final class JdbcTenantDirectory implements TenantDirectory {

	private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final MembershipNotifier notifier;

	private final TenantNotifier tenantNotifier;

	private final String tenants;

	private final String externalIds;

	private final String memberships;

	private final TenantProvisioning provisioning;

	/**
	 * Creates the directory.
	 * @param jdbc the client of the database holding the foundation's schema
	 * @param transactionManager the transaction manager of the same database
	 * @param schema the foundation's schema ({@code foundation.schema.name})
	 * @param listeners the listeners notified of membership changes, iterated at each
	 * notification (so a lazy, ordered view of beans may be passed)
	 */
	public JdbcTenantDirectory(JdbcClient jdbc, PlatformTransactionManager transactionManager, String schema,
			Iterable<MembershipListener> listeners) {
		this(jdbc, transactionManager, schema, listeners, Collections::emptyIterator);
	}

	/**
	 * Creates the directory.
	 * @param jdbc the client of the database holding the foundation's schema
	 * @param transactionManager the transaction manager of the same database
	 * @param schema the foundation's schema ({@code foundation.schema.name})
	 * @param listeners the listeners notified of membership changes, iterated at each
	 * notification (so a lazy, ordered view of beans may be passed)
	 * @param tenantListeners the listeners notified of tenant changes, iterated at each
	 * notification
	 */
	public JdbcTenantDirectory(JdbcClient jdbc, PlatformTransactionManager transactionManager, String schema,
			Iterable<MembershipListener> listeners, Iterable<TenantListener> tenantListeners) {
		// Why: the schema name is concatenated into SQL, so it must be a plain
		// identifier, however it was configured.
		if (!SCHEMA.matcher(schema).matches()) {
			throw new IllegalArgumentException("Schema must be a lowercase SQL identifier: '" + schema + "'");
		}
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.notifier = new MembershipNotifier(listeners);
		this.tenantNotifier = new TenantNotifier(tenantListeners);
		this.tenants = schema + ".tenants";
		this.externalIds = schema + ".tenant_external_ids";
		this.memberships = schema + ".memberships";
		this.provisioning = new TenantProvisioning(jdbc, this.tenants, this.externalIds, this.memberships,
				this.notifier, this.tenantNotifier);
	}

	@Override
	public Tenant create(String slug, String name, UserIdentity owner) {
		String validSlug = TenantInputs.slug(slug);
		String validName = TenantInputs.name(name);
		TenantInputs.identity("owner", owner);
		return inTransaction(() -> {
			Tenant tenant;
			try {
				tenant = this.jdbc
					.sql("insert into " + this.tenants + " as t (id, slug, name) values (?, ?, ?) returning "
							+ TenantRows.TENANT_COLUMNS)
					.params(UUID.randomUUID(), validSlug, validName)
					.query(TenantRows::tenant)
					.single();
			}
			catch (DuplicateKeyException ex) {
				throw new ConflictException("A tenant with slug '" + validSlug + "' already exists", ex);
			}
			this.jdbc.sql("insert into " + this.memberships + " (tenant_id, issuer, user_id, role) values (?, ?, ?, ?)")
				.params(tenant.id(), owner.issuer(), owner.subject(), TenantRole.OWNER.value())
				.update();
			this.tenantNotifier.changed(tenant.id(), TenantChange.Kind.CREATED);
			this.notifier.changed(tenant.id(), owner, null, TenantRole.OWNER);
			return tenant;
		});
	}

	@Override
	public Optional<Tenant> find(UUID id) {
		Objects.requireNonNull(id, "id");
		return this.jdbc.sql("select " + TenantRows.TENANT_COLUMNS + " from " + this.tenants + " t where t.id = ?")
			.param(id)
			.query(TenantRows::tenant)
			.optional();
	}

	@Override
	public Optional<Tenant> findBySlug(String slug) {
		Objects.requireNonNull(slug, "slug");
		return this.jdbc.sql("select " + TenantRows.TENANT_COLUMNS + " from " + this.tenants + " t where t.slug = ?")
			.param(slug)
			.query(TenantRows::tenant)
			.optional();
	}

	@Override
	public Optional<Tenant> findByExternalId(String issuer, String externalId) {
		return this.provisioning.findByExternalId(issuer, externalId);
	}

	@Override
	public void linkExternalId(UUID tenantId, String issuer, String externalId) {
		Objects.requireNonNull(tenantId, "tenantId");
		String validIssuer = TenantInputs.id("issuer", issuer);
		String id = TenantInputs.id("externalId", externalId);
		inTransaction(() -> {
			lockTenant(tenantId);
			this.provisioning.link(tenantId, validIssuer, id);
			return null;
		});
	}

	@Override
	public void suspend(UUID tenantId) {
		setStatus(tenantId, TenantStatus.SUSPENDED);
	}

	@Override
	public void activate(UUID tenantId) {
		setStatus(tenantId, TenantStatus.ACTIVE);
	}

	@Override
	public void erase(UUID tenantId) {
		Objects.requireNonNull(tenantId, "tenantId");
		inTransaction(() -> {
			int changed = this.jdbc.sql("update " + this.tenants + " set updated_at = now(), status = ? where id = ?")
				.params(TenantRows.status(TenantStatus.ERASED), tenantId)
				.update();
			if (changed == 0) {
				throw unknownTenant(tenantId);
			}
			// Reported on every call, not only the first: a listener whose erasure failed
			// (e.g. the keys' database was unreachable) is called again.
			this.tenantNotifier.changed(tenantId, TenantChange.Kind.ERASED);
			return null;
		});
	}

	private void setStatus(UUID tenantId, TenantStatus status) {
		Objects.requireNonNull(tenantId, "tenantId");
		String value = TenantRows.status(status);
		String erased = TenantRows.status(TenantStatus.ERASED);
		inTransaction(() -> {
			// Why "status <> ?": updated_at and listeners record a real change, not a
			// repeated call. An erased tenant stays erased.
			int changed = this.jdbc
				.sql("update " + this.tenants
						+ " set updated_at = now(), status = ? where id = ? and status <> ? and status <> ?")
				.params(value, tenantId, value, erased)
				.update();
			if (changed == 1) {
				this.tenantNotifier.changed(tenantId,
						(status == TenantStatus.SUSPENDED) ? TenantChange.Kind.SUSPENDED : TenantChange.Kind.ACTIVATED);
				return null;
			}
			Optional<Tenant> tenant = find(tenantId);
			if (tenant.isEmpty()) {
				throw unknownTenant(tenantId);
			}
			if (tenant.get().status() == TenantStatus.ERASED && status == TenantStatus.ACTIVE) {
				throw new ConflictException("Tenant " + tenantId + " was erased and cannot be activated");
			}
			return null;
		});
	}

	@Override
	public Optional<Membership> membership(UUID tenantId, UserIdentity user) {
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(user, "user");
		return this.jdbc
			.sql("select " + TenantRows.MEMBERSHIP_COLUMNS + " from " + this.memberships
					+ " m where m.tenant_id = ? and m.issuer = ? and m.user_id = ?")
			.params(tenantId, user.issuer(), user.subject())
			.query(TenantRows::membership)
			.optional();
	}

	@Override
	public List<Membership> members(UUID tenantId) {
		Objects.requireNonNull(tenantId, "tenantId");
		List<Membership> members = this.jdbc
			.sql("select " + TenantRows.MEMBERSHIP_COLUMNS + " from " + this.memberships + " m where m.tenant_id = ?"
					+ " order by array_position(array['owner', 'admin', 'member', 'viewer'], m.role),"
					+ " m.created_at, m.issuer, m.user_id")
			.param(tenantId)
			.query(TenantRows::membership)
			.list();
		if (members.isEmpty() && find(tenantId).isEmpty()) {
			throw unknownTenant(tenantId);
		}
		return members;
	}

	@Override
	public Membership grant(UUID tenantId, UserIdentity user, TenantRole role) {
		Objects.requireNonNull(tenantId, "tenantId");
		TenantInputs.identity("user", user);
		Objects.requireNonNull(role, "role");
		return inTransaction(() -> {
			lockTenant(tenantId);
			Optional<Membership> current = membership(tenantId, user);
			if (current.isPresent() && current.get().role() == role) {
				return current.get();
			}
			TenantRole oldRole = current.map(Membership::role).orElse(null);
			if (oldRole == TenantRole.OWNER) {
				requireAnotherOwner(tenantId, user, "demote");
			}
			Membership membership = this.jdbc
				.sql("insert into " + this.memberships + " as m (tenant_id, issuer, user_id, role) values (?, ?, ?, ?)"
						+ " on conflict (tenant_id, issuer, user_id) do update set role = excluded.role returning "
						+ TenantRows.MEMBERSHIP_COLUMNS)
				.params(tenantId, user.issuer(), user.subject(), role.value())
				.query(TenantRows::membership)
				.single();
			this.notifier.changed(tenantId, user, oldRole, role);
			return membership;
		});
	}

	@Override
	public void revoke(UUID tenantId, UserIdentity user) {
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(user, "user");
		inTransaction(() -> {
			lockTenant(tenantId);
			Optional<Membership> current = membership(tenantId, user);
			if (current.isEmpty()) {
				return null;
			}
			if (current.get().role() == TenantRole.OWNER) {
				requireAnotherOwner(tenantId, user, "remove");
			}
			this.jdbc.sql("delete from " + this.memberships + " where tenant_id = ? and issuer = ? and user_id = ?")
				.params(tenantId, user.issuer(), user.subject())
				.update();
			this.notifier.changed(tenantId, user, current.get().role(), null);
			return null;
		});
	}

	@Override
	public Tenant provision(String issuer, String externalId, @Nullable String slugHint, String name, UserIdentity user,
			TenantRole role) {
		String validIssuer = TenantInputs.id("issuer", issuer);
		String id = TenantInputs.id("externalId", externalId);
		String validName = TenantInputs.name(name);
		TenantInputs.identity("user", user);
		if (!validIssuer.equals(user.issuer())) {
			// An organization of one issuer is joined by that issuer's users only.
			throw new IllegalArgumentException("The user's issuer is not the organization's");
		}
		Objects.requireNonNull(role, "role");
		// Why a read first: after the first request, every request of the organization
		// finds tenant and membership
		// here, without a transaction or a lock.
		Optional<Tenant> existing = findByExternalId(validIssuer, id);
		if (existing.isPresent() && membership(existing.get().id(), user).isPresent()) {
			return existing.get();
		}
		return inTransaction(() -> this.provisioning.provision(validIssuer, id, slugHint, validName, user, role));
	}

	/**
	 * Locks the tenant's row until the transaction ends: membership changes of one tenant
	 * are serialized, and a statement run after the lock sees the owners committed by the
	 * previous holder (READ COMMITTED).
	 */
	private void lockTenant(UUID tenantId) {
		this.jdbc.sql("select id from " + this.tenants + " where id = ? for update")
			.param(tenantId)
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> unknownTenant(tenantId));
	}

	private void requireAnotherOwner(UUID tenantId, UserIdentity user, String action) {
		// Why "for update" although the tenant row is locked: under REPEATABLE READ or
		// SERIALIZABLE the count would
		// use a snapshot older than the lock; locking the owner rows makes a concurrent
		// removal fail the transaction
		// with a serialization error instead of leaving the tenant without an owner.
		List<UserIdentity> owners = this.jdbc
			.sql("select issuer, user_id from " + this.memberships
					+ " where tenant_id = ? and role = 'owner' for update")
			.param(tenantId)
			.query((rs, row) -> new UserIdentity(rs.getString(1), rs.getString(2)))
			.list();
		if (owners.stream().allMatch(user::equals)) {
			throw new ConflictException(
					"Cannot " + action + " the last owner of tenant " + tenantId + "; make another member owner first");
		}
	}

	private <T> T inTransaction(Supplier<T> work) {
		return this.transactions.execute((status) -> work.get());
	}

	private static NotFoundException unknownTenant(UUID tenantId) {
		return new NotFoundException("Tenant " + tenantId + " does not exist");
	}

}
