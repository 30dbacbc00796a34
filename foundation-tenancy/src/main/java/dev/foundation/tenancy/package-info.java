/**
 * Multi-tenancy: tenants, memberships and roles, and the isolation of tenant-owned data.
 */
@NullMarked
package dev.foundation.tenancy;

import org.jspecify.annotations.NullMarked;
