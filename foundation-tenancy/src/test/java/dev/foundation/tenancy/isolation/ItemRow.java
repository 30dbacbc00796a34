package dev.foundation.tenancy.isolation;

import java.util.UUID;

/**
 * One row of {@code isolation_items} as the model, a query or the superuser sees it.
 *
 * @param id the primary key
 * @param tenantId the owning tenant
 * @param label a text the run searches by prefix and rewrites
 * @param tag a small number the run searches and bulk-updates by
 */
record ItemRow(UUID id, UUID tenantId, String label, int tag) {

	ItemRow withLabel(String newLabel) {
		return new ItemRow(this.id, this.tenantId, newLabel, this.tag);
	}

}
