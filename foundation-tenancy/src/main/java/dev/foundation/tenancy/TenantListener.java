package dev.foundation.tenancy;

/**
 * Notified of every change of a tenant made through {@link TenantDirectory}: the hook for
 * dropping cached copies of the tenant and for auditing suspensions.
 * <p>
 * Called like a {@link MembershipListener}: every bean of this type, in
 * {@link org.springframework.core.annotation.Order order}, <em>after</em> the transaction
 * that made the change has committed (right after the change when no transaction
 * synchronization is active); a listener that throws is logged and affects neither the
 * change nor the other listeners. Calls that change nothing (suspending a suspended
 * tenant, linking an id already linked) are not reported.
 */
@FunctionalInterface
public interface TenantListener {

	/**
	 * Called after a tenant was created or changed.
	 * @param change what changed
	 */
	void onChange(TenantChange change);

}
