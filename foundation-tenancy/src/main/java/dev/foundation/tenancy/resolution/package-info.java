/**
 * Tenant resolution: which tenant a request is for
 * ({@link dev.foundation.tenancy.resolution.TenantResolver}), whether the caller may act
 * in it ({@link dev.foundation.tenancy.resolution.TenantResolution}), and the result for
 * the rest of the request ({@link dev.foundation.tenancy.resolution.CurrentTenant},
 * {@link dev.foundation.tenancy.resolution.TenantRoles}).
 */
@NullMarked
package dev.foundation.tenancy.resolution;

import org.jspecify.annotations.NullMarked;
