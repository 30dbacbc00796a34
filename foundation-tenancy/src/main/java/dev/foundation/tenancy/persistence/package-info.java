/**
 * Tenant-owned data: the current tenant for data access
 * ({@link dev.foundation.tenancy.persistence.TenantScope}) and the JPA base class of
 * tenant-owned entities ({@link dev.foundation.tenancy.persistence.TenantOwnedEntity}).
 */
@NullMarked
package dev.foundation.tenancy.persistence;

import org.jspecify.annotations.NullMarked;
