package dev.foundation.tenancy.isolation;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import org.jspecify.annotations.Nullable;

/**
 * The run's operations through the {@code EntityManager}: {@code persist}, {@code find},
 * {@code remove}, dirty checking, JPQL queries and bulk JPQL
 * {@code update}/{@code delete}. Hibernate adds the tenant restriction to all of them and
 * row-level security applies underneath.
 */
final class JpqlOperations implements AccessPathOperations {

	private static final String SELECT = "select i from IsolationItem i";

	private final EntityManager entityManager;

	private final RunState state;

	JpqlOperations(EntityManager entityManager, RunState state) {
		this.entityManager = entityManager;
		this.state = state;
	}

	@Override
	public void create(UUID tenant) {
		IsolationItem item = new IsolationItem(this.state.newLabel(), this.state.newTag());
		this.entityManager.persist(item);
		this.entityManager.flush();
		ItemRow row = item.toRow();
		if (!tenant.equals(row.tenantId())) {
			this.state.checks().fail("persist gave the new row tenant " + row.tenantId());
		}
		this.state.model().put(row);
	}

	@Override
	public void read(UUID tenant, ItemRow own) {
		if (this.state.random().nextBoolean()) {
			this.state.checks().row(tenant, "find", row(this.entityManager.find(IsolationItem.class, own.id())), own);
		}
		else {
			this.state.checks().rows(tenant, "select by id", select(" where i.id = :id", "id", own.id()), List.of(own));
		}
	}

	@Override
	public void update(UUID tenant, ItemRow own) {
		ItemRow changed = own.withLabel(this.state.newLabel());
		if (this.state.random().nextBoolean()) {
			IsolationItem item = this.entityManager.find(IsolationItem.class, own.id());
			if (item == null) {
				this.state.checks().fail("find did not find own row " + own);
				return;
			}
			item.setLabel(changed.label());
			this.entityManager.flush();
		}
		else {
			int updated = this.entityManager.createQuery("update IsolationItem i set i.label = :label where i.id = :id")
				.setParameter("label", changed.label())
				.setParameter("id", own.id())
				.executeUpdate();
			this.state.checks().count("update by id", updated, 1);
		}
		this.state.model().put(changed);
	}

	@Override
	public void delete(UUID tenant, ItemRow own) {
		if (this.state.random().nextBoolean()) {
			IsolationItem item = this.entityManager.find(IsolationItem.class, own.id());
			if (item == null) {
				this.state.checks().fail("find did not find own row " + own);
				return;
			}
			this.entityManager.remove(item);
			this.entityManager.flush();
		}
		else {
			int deleted = this.entityManager.createQuery("delete from IsolationItem i where i.id = :id")
				.setParameter("id", own.id())
				.executeUpdate();
			this.state.checks().count("delete by id", deleted, 1);
		}
		this.state.model().remove(own);
	}

	@Override
	public void search(UUID tenant) {
		GroundTruth model = this.state.model();
		switch (this.state.random().nextInt(4)) {
			case 0 -> this.state.checks().rows(tenant, "select all", select("", null, null), model.rows(tenant));
			case 1 -> {
				int tag = this.state.newTag();
				this.state.checks()
					.rows(tenant, "select by tag", select(" where i.tag = :tag", "tag", tag),
							model.withTag(tenant, tag));
			}
			case 2 -> {
				String prefix = this.state.labelPrefix();
				this.state.checks()
					.rows(tenant, "select by label prefix",
							select(" where i.label like concat(:prefix, '%')", "prefix", prefix),
							model.withLabelPrefix(tenant, prefix));
			}
			default -> this.state.checks()
				.count("select count",
						this.entityManager.createQuery("select count(i) from IsolationItem i", Long.class)
							.getSingleResult(),
						model.rows(tenant).size());
		}
	}

	@Override
	public void bulkUpdate(UUID tenant, int tag) {
		String label = this.state.newLabel();
		List<ItemRow> affected = this.state.model().withTag(tenant, tag);
		int updated = this.entityManager.createQuery("update IsolationItem i set i.label = :label where i.tag = :tag")
			.setParameter("label", label)
			.setParameter("tag", tag)
			.executeUpdate();
		this.state.checks().count("bulk update by tag", updated, affected.size());
		affected.forEach((row) -> this.state.model().put(row.withLabel(label)));
	}

	@Override
	public void bulkDelete(UUID tenant, int tag) {
		List<ItemRow> affected = this.state.model().withTag(tenant, tag);
		int deleted = this.entityManager.createQuery("delete from IsolationItem i where i.tag = :tag")
			.setParameter("tag", tag)
			.executeUpdate();
		this.state.checks().count("bulk delete by tag", deleted, affected.size());
		affected.forEach(this.state.model()::remove);
	}

	@Override
	public void readForeign(UUID tenant, ItemRow foreign) {
		switch (this.state.random().nextInt(3)) {
			case 0 -> this.state.checks()
				.rows(tenant, "find(foreign)", list(row(this.entityManager.find(IsolationItem.class, foreign.id()))),
						List.of());
			case 1 -> this.state.checks()
				.rows(tenant, "select by foreign id", select(" where i.id = :id", "id", foreign.id()), List.of());
			default -> this.state.checks()
				.rows(tenant, "select by foreign tenant",
						select(" where i.tenantId = :tenant", "tenant", foreign.tenantId()), List.of());
		}
	}

	@Override
	public void updateForeign(UUID tenant, ItemRow foreign) {
		int updated = this.entityManager.createQuery("update IsolationItem i set i.label = :label where i.id = :id")
			.setParameter("label", "stolen")
			.setParameter("id", foreign.id())
			.executeUpdate();
		this.state.checks().count("update by foreign id", updated, 0);
	}

	@Override
	public void deleteForeign(UUID tenant, ItemRow foreign) {
		boolean byId = this.state.random().nextBoolean();
		String where = byId ? "i.id = :value" : "i.tenantId = :value";
		int deleted = this.entityManager.createQuery("delete from IsolationItem i where " + where)
			.setParameter("value", byId ? foreign.id() : foreign.tenantId())
			.executeUpdate();
		this.state.checks().count("delete where " + where + " (foreign)", deleted, 0);
	}

	@Override
	public RefusedWrite writeIntoForeign(UUID tenant, @Nullable ItemRow own, ItemRow foreign) {
		if (own != null && this.state.random().nextBoolean()) {
			// Handing an own row over to another tenant: the new row fails the policy's
			// WITH CHECK.
			return new RefusedWrite(OperationKind.UPDATE, "update set tenantId = foreign (own row)",
					RefusedWrite.ROW_LEVEL_SECURITY,
					() -> this.entityManager
						.createQuery("update IsolationItem i set i.tenantId = :tenant where i.id = :id")
						.setParameter("tenant", foreign.tenantId())
						.setParameter("id", own.id())
						.executeUpdate(),
					null);
		}
		return new RefusedWrite(OperationKind.CREATE, "persist(new entity claiming the foreign tenant)",
				RefusedWrite.FOREIGN_TENANT_ID, () -> {
					this.entityManager.persist(ForgedItems.claimingTenant(foreign.tenantId(), "forged", foreign.tag()));
					this.entityManager.flush();
				}, null);
	}

	@Override
	public void readWithoutTenant() {
		if (this.state.random().nextBoolean()) {
			this.state.checks().rows(null, "select all", select("", null, null), List.of());
		}
		else {
			ItemRow any = this.state.model().pickForeign(this.state.anyTenant(), this.state.random());
			if (any != null) {
				this.state.checks()
					.rows(null, "find", list(row(this.entityManager.find(IsolationItem.class, any.id()))), List.of());
			}
		}
	}

	@Override
	public void writeWithoutTenant(boolean delete) {
		String statement = delete ? "delete from IsolationItem i" : "update IsolationItem i set i.label = 'stolen'";
		this.state.checks().count(statement, this.entityManager.createQuery(statement).executeUpdate(), 0);
	}

	@Override
	public RefusedWrite createWithoutTenant(UUID someTenant) {
		return new RefusedWrite(OperationKind.CREATE, "persist(new entity) without a tenant",
				"without a current tenant", () -> {
					this.entityManager.persist(new IsolationItem("orphan", 0));
					this.entityManager.flush();
				}, null);
	}

	private List<ItemRow> select(String where, @Nullable String name, @Nullable Object value) {
		var query = this.entityManager.createQuery(SELECT + where, IsolationItem.class);
		if (name != null) {
			query.setParameter(name, value);
		}
		return query.getResultList().stream().map(IsolationItem::toRow).toList();
	}

	private static @Nullable ItemRow row(@Nullable IsolationItem item) {
		return (item != null) ? item.toRow() : null;
	}

	private static List<ItemRow> list(@Nullable ItemRow row) {
		return (row != null) ? List.of(row) : List.of();
	}

}
