package dev.foundation.tenancy.isolation;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A write that must be refused: into another tenant, or without a tenant. It runs alone
 * in its transaction because a refusal (an exception) rolls the transaction back.
 *
 * @param kind what the write pretends to be
 * @param description what it tries, for the report
 * @param expectedRefusal a text the refusal's exception chain must contain (message or
 * exception class name)
 * @param action the write, run inside the acting tenant's transaction
 * @param forgedId an id the write would create, which must not exist afterwards;
 * {@code null} when none is known
 */
record RefusedWrite(OperationKind kind, String description, String expectedRefusal, Runnable action,
		@Nullable UUID forgedId) {

	static final String ROW_LEVEL_SECURITY = "violates row-level security policy";

	/**
	 * {@code TenantOwnedEntity}'s refusal of an entity carrying another tenant's id
	 * (before Hibernate's own: "assigned tenant id differs from current tenant id").
	 */
	static final String FOREIGN_TENANT_ID = "of another tenant than the current one";

}
