package dev.foundation.tenancy.persistence;

import java.util.Optional;
import java.util.UUID;

import dev.foundation.core.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import org.hibernate.annotations.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Base of entities owned by one tenant: {@link BaseEntity}'s columns plus
 * {@code tenant_id uuid not null}.
 * <p>
 * The tenant column is Hibernate's {@link TenantId}: a new entity gets the
 * {@linkplain TenantScope current tenant} when persisted, and every {@code find}, query
 * and bulk JPQL {@code update}/{@code delete} is restricted to that tenant. An entity
 * cannot be written into another tenant: Hibernate rejects a tenant id other than the
 * current one. Persisting without a tenant, or in the system scope (which has no tenant
 * to give), is refused; create the entity inside {@link TenantScope#run(UUID, Runnable)}
 * instead.
 * <p>
 * This is the first of two layers: put the table under PostgreSQL row-level security too,
 * with {@code select foundation.enable_tenant_rls('
 *
<table>
 * ')} in its migration. The startup self-check fails when that is missing.
 */
@MappedSuperclass
public abstract class TenantOwnedEntity extends BaseEntity {

	@TenantId
	@Column(name = "tenant_id", nullable = false, updatable = false)
	private @Nullable UUID tenantId;

	/**
	 * Returns the tenant owning this entity.
	 * @return the tenant id, or {@code null} until Hibernate inserts the row (at the
	 * flush after persisting)
	 */
	public @Nullable UUID getTenantId() {
		return this.tenantId;
	}

	@PrePersist
	void requireTenant() {
		if (TenantScope.isSystem()) {
			TenantIsolationViolations.record(TenantIsolationViolations.Kind.SYSTEM_SCOPE);
			throw new IllegalStateException("Cannot persist " + getClass().getSimpleName() + " in the system scope: "
					+ "it has no tenant to give the entity; persist it inside TenantScope.run(tenantId, ...)");
		}
		Optional<UUID> current = TenantScope.currentTenant();
		if (current.isEmpty()) {
			TenantIsolationViolations.record(TenantIsolationViolations.Kind.NO_TENANT);
			throw new IllegalStateException("Cannot persist " + getClass().getSimpleName() + " without a current "
					+ "tenant; resolve one for the request or use TenantScope.run(tenantId, ...)");
		}
		// Hibernate refuses it too, at the insert; refused here first, so that it is
		// counted (and named).
		if (this.tenantId != null && !this.tenantId.equals(current.get())) {
			TenantIsolationViolations.record(TenantIsolationViolations.Kind.OTHER_TENANT);
			throw new IllegalStateException(
					"Cannot persist " + getClass().getSimpleName() + " of another tenant than " + "the current one");
		}
	}

}
