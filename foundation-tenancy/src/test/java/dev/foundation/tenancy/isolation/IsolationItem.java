package dev.foundation.tenancy.isolation;

import java.util.Objects;

import dev.foundation.tenancy.persistence.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * The tenant-owned entity the randomized isolation run creates, reads, changes and
 * deletes.
 */
@Entity
@Table(name = IsolationItem.TABLE)
class IsolationItem extends TenantOwnedEntity {

	static final String TABLE = "isolation_items";

	static final String DDL = "create table " + TABLE + " (id uuid primary key, created_at timestamptz not null, "
			+ "updated_at timestamptz not null, version bigint not null, tenant_id uuid not null, "
			+ "label text not null, tag integer not null)";

	@Column(name = "label", nullable = false)
	private String label;

	@Column(name = "tag", nullable = false)
	private int tag;

	protected IsolationItem() {
		this.label = "";
	}

	IsolationItem(String label, int tag) {
		this.label = label;
		this.tag = tag;
	}

	String getLabel() {
		return this.label;
	}

	void setLabel(String label) {
		this.label = label;
	}

	int getTag() {
		return this.tag;
	}

	ItemRow toRow() {
		return new ItemRow(Objects.requireNonNull(getId(), "id"), Objects.requireNonNull(getTenantId(), "tenantId"),
				this.label, this.tag);
	}

}
