/**
 * PostgreSQL row-level security: binding the current tenant to each transaction with a
 * transaction-local {@code set_config}, checking that the policies really apply to the
 * application's role (at startup and, cached, for the health endpoint), and checking
 * every connection returned to the pool for tenant settings that would outlive the
 * borrow.
 */
@NullMarked
package dev.foundation.tenancy.rls;

import org.jspecify.annotations.NullMarked;
