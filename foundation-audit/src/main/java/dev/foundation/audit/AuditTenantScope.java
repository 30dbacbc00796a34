package dev.foundation.audit;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * How the audit log finds the current tenant and runs database work for one tenant's
 * chain. With {@code foundation-tenancy} this binds the tenant for row-level security
 * (and uses the system scope for system events); without it, the request context's tenant
 * is used and nothing is bound.
 */
public interface AuditTenantScope {

	/**
	 * Returns the tenant of the current work.
	 * @return the tenant, empty when none (or in the system scope)
	 */
	Optional<UUID> currentTenant();

	/**
	 * Runs work (which opens its own transaction) that appends to a tenant's chain; for
	 * the system chain, without any tenant bound.
	 * @param <T> the result type
	 * @param tenantId the tenant, {@code null} for the system chain
	 * @param work the work
	 * @return its result
	 */
	<T extends @Nullable Object> T call(@Nullable UUID tenantId, Supplier<T> work);

	/**
	 * Runs work (which opens its own transaction) that must see every chain, e.g.
	 * verifying the system chain: with tenancy, in its system scope.
	 * @param <T> the result type
	 * @param reason why, for the log
	 * @param work the work
	 * @return its result
	 */
	<T extends @Nullable Object> T callAsSystem(String reason, Supplier<T> work);

}
