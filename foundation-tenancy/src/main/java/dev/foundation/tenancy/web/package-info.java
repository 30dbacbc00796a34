/**
 * Tenant resolution in Spring MVC applications: the filter that resolves each
 * authenticated request's tenant, and
 * {@link dev.foundation.tenancy.web.RequireTenantRole} for controllers.
 */
@NullMarked
package dev.foundation.tenancy.web;

import org.jspecify.annotations.NullMarked;
