package dev.foundation.tenancy.autoconfigure;

import dev.foundation.tenancy.persistence.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The tenant-owned entity of {@link TenantIsolationHealthIntegrationTests}. */
@Entity
@Table(name = TenantIsolationHealthNote.TABLE)
class TenantIsolationHealthNote extends TenantOwnedEntity {

	static final String TABLE = "isolation_health_notes";

	@Column(name = "body", nullable = false)
	private String body = "";

}
