/**
 * Tenants of the CRM and their members: creating a tenant, and owners and admins managing
 * who belongs to it.
 */
@NullMarked
package dev.foundation.sample.tenant;

import org.jspecify.annotations.NullMarked;
