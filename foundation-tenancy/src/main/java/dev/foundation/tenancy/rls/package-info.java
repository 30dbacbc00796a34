/**
 * PostgreSQL row-level security: binding the current tenant to each transaction with a transaction-local
 * {@code set_config}, and checking at startup that the policies really apply to the application's role.
 */
@NullMarked
package dev.foundation.tenancy.rls;

import org.jspecify.annotations.NullMarked;
