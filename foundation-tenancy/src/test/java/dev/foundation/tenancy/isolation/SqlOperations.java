package dev.foundation.tenancy.isolation;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The run's operations in plain SQL, for native JPA queries and for JDBC alike. Nothing
 * but row-level security scopes them: statements name no tenant (or the wrong one) on
 * purpose.
 */
final class SqlOperations implements AccessPathOperations {

	private static final String TABLE = IsolationItem.TABLE;

	private static final String SELECT = "select id, tenant_id, label, tag from " + TABLE;

	private static final String INSERT = "insert into " + TABLE
			+ " (id, created_at, updated_at, version, tenant_id, label, tag) values (?, now(), now(), 0, ?, ?, ?)";

	// What an application might write instead of passing the tenant: the transaction's
	// own binding.
	private static final String INSERT_BOUND_TENANT = "insert into " + TABLE
			+ " (id, created_at, updated_at, version, tenant_id, label, tag) values (?, now(), now(), 0, "
			+ "foundation.bound_tenant()::uuid, ?, ?)";

	private final SqlStatements sql;

	private final RunState state;

	SqlOperations(SqlStatements sql, RunState state) {
		this.sql = sql;
		this.state = state;
	}

	@Override
	public void create(UUID tenant) {
		ItemRow row = new ItemRow(this.state.newId(), tenant, this.state.newLabel(), this.state.newTag());
		int inserted = this.state.random().nextBoolean()
				? this.sql.update(INSERT, row.id(), row.tenantId(), row.label(), row.tag())
				: this.sql.update(INSERT_BOUND_TENANT, row.id(), row.label(), row.tag());
		this.state.checks().count("insert", inserted, 1);
		this.state.model().put(row);
	}

	@Override
	public void read(UUID tenant, ItemRow own) {
		this.state.checks()
			.rows(tenant, "select by id", this.sql.rows(SELECT + " where id = ?", own.id()), List.of(own));
	}

	@Override
	public void update(UUID tenant, ItemRow own) {
		ItemRow changed = own.withLabel(this.state.newLabel());
		int updated = this.sql.update("update " + TABLE + " set label = ?, updated_at = now() where id = ?",
				changed.label(), own.id());
		this.state.checks().count("update by id", updated, 1);
		this.state.model().put(changed);
	}

	@Override
	public void delete(UUID tenant, ItemRow own) {
		this.state.checks()
			.count("delete by id", this.sql.update("delete from " + TABLE + " where id = ?", own.id()), 1);
		this.state.model().remove(own);
	}

	@Override
	public void search(UUID tenant) {
		GroundTruth model = this.state.model();
		switch (this.state.random().nextInt(4)) {
			// No where clause at all: only row-level security stands between this and
			// every tenant's rows.
			case 0 -> this.state.checks().rows(tenant, "select all", this.sql.rows(SELECT), model.rows(tenant));
			case 1 -> {
				int tag = this.state.newTag();
				this.state.checks()
					.rows(tenant, "select by tag", this.sql.rows(SELECT + " where tag = ?", tag),
							model.withTag(tenant, tag));
			}
			case 2 -> {
				String prefix = this.state.labelPrefix();
				this.state.checks()
					.rows(tenant, "select by label prefix",
							this.sql.rows(SELECT + " where label like ? || '%'", prefix),
							model.withLabelPrefix(tenant, prefix));
			}
			default -> this.state.checks()
				.count("count(*)", this.sql.count("select count(*) from " + TABLE), model.rows(tenant).size());
		}
	}

	@Override
	public void bulkUpdate(UUID tenant, int tag) {
		String label = this.state.newLabel();
		List<ItemRow> affected = this.state.model().withTag(tenant, tag);
		this.state.checks()
			.count("update by tag", this.sql.update("update " + TABLE + " set label = ? where tag = ?", label, tag),
					affected.size());
		affected.forEach((row) -> this.state.model().put(row.withLabel(label)));
	}

	@Override
	public void bulkDelete(UUID tenant, int tag) {
		List<ItemRow> affected = this.state.model().withTag(tenant, tag);
		this.state.checks()
			.count("delete by tag", this.sql.update("delete from " + TABLE + " where tag = ?", tag), affected.size());
		affected.forEach(this.state.model()::remove);
	}

	@Override
	public void readForeign(UUID tenant, ItemRow foreign) {
		switch (this.state.random().nextInt(3)) {
			case 0 -> this.state.checks()
				.rows(tenant, "select by foreign id", this.sql.rows(SELECT + " where id = ?", foreign.id()), List.of());
			case 1 -> this.state.checks()
				.rows(tenant, "select by foreign tenant_id",
						this.sql.rows(SELECT + " where tenant_id = ?", foreign.tenantId()), List.of());
			default -> this.state.checks()
				.count("count(*) of foreign tenant_id",
						this.sql.count("select count(*) from " + TABLE + " where tenant_id = ?", foreign.tenantId()),
						0);
		}
	}

	@Override
	public void updateForeign(UUID tenant, ItemRow foreign) {
		switch (this.state.random().nextInt(3)) {
			case 0 -> this.state.checks()
				.count("update by foreign id",
						this.sql.update("update " + TABLE + " set label = 'stolen' where id = ?", foreign.id()), 0);
			case 1 -> this.state.checks()
				.count("update by foreign tenant_id", this.sql
					.update("update " + TABLE + " set label = 'stolen' where tenant_id = ?", foreign.tenantId()), 0);
			// An insert colliding with the foreign id: the conflict is invisible here, so
			// nothing happens.
			default -> this.state.checks()
				.count("insert foreign id on conflict do nothing",
						this.sql.update(INSERT + " on conflict do nothing", foreign.id(), tenant, "collided", 0), 0);
		}
	}

	@Override
	public void deleteForeign(UUID tenant, ItemRow foreign) {
		if (this.state.random().nextBoolean()) {
			this.state.checks()
				.count("delete by foreign id", this.sql.update("delete from " + TABLE + " where id = ?", foreign.id()),
						0);
		}
		else {
			this.state.checks()
				.count("delete by foreign tenant_id",
						this.sql.update("delete from " + TABLE + " where tenant_id = ?", foreign.tenantId()), 0);
		}
	}

	@Override
	public RefusedWrite writeIntoForeign(UUID tenant, @Nullable ItemRow own, ItemRow foreign) {
		int choice = this.state.random().nextInt(3);
		if (choice == 0 && own != null) {
			return new RefusedWrite(OperationKind.UPDATE, "update set tenant_id = foreign (own row)",
					RefusedWrite.ROW_LEVEL_SECURITY, () -> this.sql
						.update("update " + TABLE + " set tenant_id = ? where id = ?", foreign.tenantId(), own.id()),
					null);
		}
		if (choice == 1) {
			// The upsert reaches the foreign row through the unique index; the policy
			// refuses to update it.
			return new RefusedWrite(OperationKind.UPDATE, "upsert on the foreign id", RefusedWrite.ROW_LEVEL_SECURITY,
					() -> this.sql.update(INSERT + " on conflict (id) do update set label = 'stolen'", foreign.id(),
							tenant, "upserted", 0),
					null);
		}
		UUID forged = this.state.newId();
		return new RefusedWrite(OperationKind.CREATE, "insert with foreign tenant_id", RefusedWrite.ROW_LEVEL_SECURITY,
				() -> this.sql.update(INSERT, forged, foreign.tenantId(), "forged", foreign.tag()), forged);
	}

	@Override
	public void readWithoutTenant() {
		switch (this.state.random().nextInt(3)) {
			case 0 -> this.state.checks().rows(null, "select all", this.sql.rows(SELECT), List.of());
			case 1 -> this.state.checks().count("count(*)", this.sql.count("select count(*) from " + TABLE), 0);
			default -> this.state.checks()
				.rows(null, "select by tenant_id",
						this.sql.rows(SELECT + " where tenant_id = ?", this.state.anyTenant()), List.of());
		}
	}

	@Override
	public void writeWithoutTenant(boolean delete) {
		String statement = delete ? "delete from " + TABLE : "update " + TABLE + " set label = 'stolen'";
		this.state.checks().count(statement, this.sql.update(statement), 0);
	}

	@Override
	public RefusedWrite createWithoutTenant(UUID someTenant) {
		UUID forged = this.state.newId();
		return new RefusedWrite(OperationKind.CREATE, "insert without a tenant", RefusedWrite.ROW_LEVEL_SECURITY,
				() -> this.sql.update(INSERT, forged, someTenant, "orphan", 0), forged);
	}

}
