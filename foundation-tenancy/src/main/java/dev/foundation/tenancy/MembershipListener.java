package dev.foundation.tenancy;

/**
 * Notified of every membership change made through {@link TenantDirectory}: the hook for
 * auditing role changes.
 * <p>
 * Every bean of this type is called, in {@link org.springframework.core.annotation.Order
 * order}, <em>after</em> the transaction that made the change has committed, so a
 * listener never reports a change that was rolled back; when no transaction
 * synchronization is active, it is called right after the change. A listener that throws
 * is logged and does not affect the change (already committed) or the other listeners.
 * Listeners run on the thread of the caller: hand slow work to an executor.
 */
@FunctionalInterface
public interface MembershipListener {

	/**
	 * Called after a membership was granted, changed or revoked.
	 * @param change what changed
	 */
	void onChange(MembershipChange change);

}
