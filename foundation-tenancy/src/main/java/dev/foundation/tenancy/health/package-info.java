/**
 * Actuator health of tenant isolation: whether row-level security still protects the
 * tables of tenant-owned entities, and what the check of connections returned to the pool
 * has found.
 */
@NullMarked
package dev.foundation.tenancy.health;

import org.jspecify.annotations.NullMarked;
