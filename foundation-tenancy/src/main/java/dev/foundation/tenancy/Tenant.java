package dev.foundation.tenancy;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A customer organization whose data the application keeps apart from every other's.
 *
 * @param id the tenant's id, the value of every {@code tenant_id} column
 * @param slug the tenant's unique, URL-safe name ({@code ^[a-z0-9][a-z0-9-]{1,62}$}),
 * e.g. for {@code {slug}.example.com}
 * @param name the tenant's display name
 * @param status whether the tenant may be served
 * @param createdAt when the tenant was created
 */
public record Tenant(UUID id, String slug, String name, TenantStatus status, Instant createdAt) {

	public Tenant {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(slug, "slug");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(createdAt, "createdAt");
	}

	/**
	 * Whether the tenant may be served.
	 * @return {@code true} unless the tenant is suspended or erased
	 */
	public boolean isActive() {
		return this.status == TenantStatus.ACTIVE;
	}

}
