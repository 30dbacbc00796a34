package dev.foundation.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What to list; every criterion is optional and they combine with "and".
 *
 * @param actorId the actor's id
 * @param action the action, exactly
 * @param resourceType the resource type
 * @param resourceId the resource id (with a resource type)
 * @param outcome the outcome
 * @param from the earliest time, inclusive
 * @param to the latest time, exclusive
 */
public record AuditEventFilter(@Nullable String actorId, @Nullable String action, @Nullable String resourceType,
		@Nullable String resourceId, @Nullable AuditOutcome outcome, @Nullable Instant from, @Nullable Instant to) {

	/**
	 * Returns a filter that lists everything.
	 * @return the filter
	 */
	public static AuditEventFilter all() {
		return new AuditEventFilter(null, null, null, null, null, null, null);
	}

}
