package dev.foundation.tenancy.isolation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The run's operations through {@link IsolationItemRepository}: inherited CRUD methods,
 * derived queries and {@code @Query} methods. They work inside the run's transaction and
 * outside any (each method then has its own), so the run calls single repository
 * operations both ways.
 */
final class RepositoryOperations implements AccessPathOperations {

	private final IsolationItemRepository items;

	private final RunState state;

	RepositoryOperations(IsolationItemRepository items, RunState state) {
		this.items = items;
		this.state = state;
	}

	@Override
	public void create(UUID tenant) {
		// Flushed: Hibernate assigns the @TenantId value when it inserts, not when it
		// persists.
		IsolationItem saved = this.items.saveAndFlush(new IsolationItem(this.state.newLabel(), this.state.newTag()));
		ItemRow row = saved.toRow();
		if (!tenant.equals(row.tenantId())) {
			this.state.checks().fail("save gave the new row tenant " + row.tenantId());
		}
		this.state.model().put(row);
	}

	@Override
	public void read(UUID tenant, ItemRow own) {
		switch (this.state.random().nextInt(3)) {
			case 0 -> this.state.checks().row(tenant, "findById", row(this.items.findById(own.id())), own);
			case 1 -> this.state.checks().count("existsById", this.items.existsById(own.id()) ? 1 : 0, 1);
			default -> {
				// Asking for an own and a foreign id at once must still return only the
				// own row.
				ItemRow foreign = this.state.model().pickForeign(tenant, this.state.random());
				List<UUID> ids = (foreign != null) ? List.of(own.id(), foreign.id()) : List.of(own.id());
				this.state.checks().rows(tenant, "findAllById", rows(this.items.findAllById(ids)), List.of(own));
			}
		}
	}

	@Override
	public void update(UUID tenant, ItemRow own) {
		ItemRow changed = own.withLabel(this.state.newLabel());
		if (this.state.random().nextBoolean()) {
			IsolationItem item = this.items.findById(own.id()).orElse(null);
			if (item == null) {
				this.state.checks().fail("findById did not find own row " + own);
				return;
			}
			item.setLabel(changed.label());
			this.state.checks().row(tenant, "save (update)", this.items.save(item).toRow(), changed);
		}
		else {
			this.state.checks().count("@Query relabel", this.items.relabel(own.id(), changed.label()), 1);
		}
		this.state.model().put(changed);
	}

	@Override
	public void delete(UUID tenant, ItemRow own) {
		this.items.deleteById(own.id());
		this.state.model().remove(own);
	}

	@Override
	public void search(UUID tenant) {
		GroundTruth model = this.state.model();
		switch (this.state.random().nextInt(6)) {
			case 0 -> this.state.checks().rows(tenant, "findAll", rows(this.items.findAll()), model.rows(tenant));
			case 1 -> this.state.checks().count("count", this.items.count(), model.rows(tenant).size());
			case 2 -> {
				int tag = this.state.newTag();
				this.state.checks()
					.rows(tenant, "findByTag", rows(this.items.findByTag(tag)), model.withTag(tenant, tag));
			}
			case 3 -> {
				int tag = this.state.newTag();
				this.state.checks().count("countByTag", this.items.countByTag(tag), model.withTag(tenant, tag).size());
			}
			case 4 -> {
				String prefix = this.state.labelPrefix();
				this.state.checks()
					.rows(tenant, "@Query searchByLabelPrefix", rows(this.items.searchByLabelPrefix(prefix)),
							model.withLabelPrefix(tenant, prefix));
			}
			default -> this.state.checks()
				.rows(tenant, "@Query findByTenant (own)", rows(this.items.findByTenant(tenant)), model.rows(tenant));
		}
	}

	@Override
	public void bulkUpdate(UUID tenant, int tag) {
		String label = this.state.newLabel();
		List<ItemRow> affected = this.state.model().withTag(tenant, tag);
		this.state.checks().count("@Modifying relabelTag", this.items.relabelTag(tag, label), affected.size());
		affected.forEach((row) -> this.state.model().put(row.withLabel(label)));
	}

	@Override
	public void bulkDelete(UUID tenant, int tag) {
		List<ItemRow> affected = this.state.model().withTag(tenant, tag);
		this.state.checks().count("@Modifying deleteTag", this.items.deleteTag(tag), affected.size());
		affected.forEach(this.state.model()::remove);
	}

	@Override
	public void readForeign(UUID tenant, ItemRow foreign) {
		switch (this.state.random().nextInt(4)) {
			case 0 -> this.state.checks()
				.rows(tenant, "findById(foreign)", list(row(this.items.findById(foreign.id()))), List.of());
			case 1 -> this.state.checks().count("existsById(foreign)", this.items.existsById(foreign.id()) ? 1 : 0, 0);
			case 2 -> this.state.checks()
				.rows(tenant, "@Query findByTenant(foreign)", rows(this.items.findByTenant(foreign.tenantId())),
						List.of());
			default -> this.state.checks()
				.rows(tenant, "findAllById(foreign)", rows(this.items.findAllById(List.of(foreign.id()))), List.of());
		}
	}

	@Override
	public void updateForeign(UUID tenant, ItemRow foreign) {
		this.state.checks().count("@Query relabel(foreign)", this.items.relabel(foreign.id(), "stolen"), 0);
	}

	@Override
	public void deleteForeign(UUID tenant, ItemRow foreign) {
		if (this.state.random().nextBoolean()) {
			this.items.deleteById(foreign.id());
		}
		else {
			this.items.deleteAllById(List.of(foreign.id()));
		}
	}

	@Override
	public RefusedWrite writeIntoForeign(UUID tenant, @Nullable ItemRow own, ItemRow foreign) {
		if (this.state.random().nextBoolean()) {
			IsolationItem forged = ForgedItems.claimingTenant(foreign.tenantId(), "forged", foreign.tag());
			return new RefusedWrite(OperationKind.CREATE, "save(new entity claiming the foreign tenant)",
					RefusedWrite.FOREIGN_TENANT_ID, () -> this.items.save(forged), null);
		}
		IsolationItem detached = ForgedItems.detachedCopy(foreign, "overwritten");
		return new RefusedWrite(OperationKind.UPDATE, "save(detached copy of the foreign row)",
				"StaleObjectStateException", () -> this.items.save(detached), null);
	}

	@Override
	public void readWithoutTenant() {
		switch (this.state.random().nextInt(3)) {
			case 0 -> this.state.checks().rows(null, "findAll", rows(this.items.findAll()), List.of());
			case 1 -> this.state.checks().count("count", this.items.count(), 0);
			default -> {
				UUID tenant = this.state.anyTenant();
				this.state.checks().rows(null, "@Query findByTenant", rows(this.items.findByTenant(tenant)), List.of());
			}
		}
	}

	@Override
	public void writeWithoutTenant(boolean delete) {
		if (delete) {
			this.state.checks().count("@Modifying deleteEverythingVisible", this.items.deleteEverythingVisible(), 0);
		}
		else {
			this.state.checks().count("@Modifying relabelTag", this.items.relabelTag(this.state.newTag(), "stolen"), 0);
		}
	}

	@Override
	public RefusedWrite createWithoutTenant(UUID someTenant) {
		return new RefusedWrite(OperationKind.CREATE, "save(new entity) without a tenant", "without a current tenant",
				() -> this.items.save(new IsolationItem("orphan", 0)), null);
	}

	private static List<ItemRow> rows(List<IsolationItem> items) {
		return items.stream().map(IsolationItem::toRow).toList();
	}

	private static @Nullable ItemRow row(Optional<IsolationItem> item) {
		return item.map(IsolationItem::toRow).orElse(null);
	}

	private static List<ItemRow> list(@Nullable ItemRow row) {
		return (row != null) ? List.of(row) : List.of();
	}

}
