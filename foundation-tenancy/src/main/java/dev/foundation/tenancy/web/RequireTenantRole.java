package dev.foundation.tenancy.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.foundation.tenancy.TenantRole;

/**
 * Admits to a controller method (or every method of a controller) only callers whose role
 * in the request's tenant includes the given one; others get 403 {@code forbidden}, and a
 * request without a tenant 400 {@code tenant-required}. An annotation on the method wins
 * over one on the class.
 *
 * <pre class="code">
 * &#64;RequireTenantRole(TenantRole.ADMIN)
 * &#64;PostMapping("/api/v1/members")
 * Membership invite(...) { ... }
 * </pre>
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequireTenantRole {

	/**
	 * The lowest role admitted; higher roles are admitted too.
	 * @return the role
	 */
	TenantRole value();

}
