package dev.foundation.tenancy;

import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A committed change of a tenant made through {@link TenantDirectory}.
 *
 * @param tenantId the tenant's id
 * @param kind what changed
 * @param actorUserId who made the change: the user id of the {@code RequestContext} bound
 * when the change was made, {@code null} for work outside a request (e.g. a job) or
 * before authentication
 */
public record TenantChange(UUID tenantId, Kind kind, @Nullable String actorUserId) {

	public TenantChange {
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(kind, "kind");
	}

	/** What changed. */
	public enum Kind {

		/** The tenant was created (also by provisioning). */
		CREATED,

		/** The tenant was suspended: its requests are refused from now on. */
		SUSPENDED,

		/** The tenant was activated again. */
		ACTIVATED,

		/** An identity provider's organization id was linked to the tenant. */
		EXTERNAL_ID_LINKED,

		/**
		 * The tenant was erased: its requests are refused for good, and listeners erase
		 * what they hold for it (the crypto module destroys its data keys). Reported
		 * again by each further {@link TenantDirectory#erase} call, so that work that
		 * failed can be finished: listeners must be idempotent.
		 */
		ERASED

	}

}
