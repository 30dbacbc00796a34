package dev.foundation.audit;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An event as stored in the audit log, with its place in its tenant's chain.
 *
 * @param id the event's id
 * @param tenantId the tenant, {@code null} for a system event
 * @param seq the position in the tenant's chain, from 1, without gaps
 * @param occurredAt when the event entered the log (microsecond precision, strictly
 * increasing along a chain)
 * @param actorId who acted
 * @param actorKind what kind of actor ({@code user}, {@code api_key}, {@code system},
 * {@code anonymous})
 * @param action what was done
 * @param resourceType the kind of resource
 * @param resourceId the resource's id
 * @param outcome {@code success}, {@code failure} or {@code denied}
 * @param correlationId the request's correlation id
 * @param clientIp the client's address
 * @param userAgent the client's {@code User-Agent}
 * @param details the details, a JSON object in its canonical (RFC 8785) form
 * @param prevHash the previous event's hash (64 zeros for the first)
 * @param hash SHA-256 of this event's canonical form, lowercase hex
 */
public record StoredAuditEvent(UUID id, @Nullable UUID tenantId, long seq, Instant occurredAt, @Nullable String actorId,
		String actorKind, String action, @Nullable String resourceType, @Nullable String resourceId, String outcome,
		@Nullable String correlationId, @Nullable String clientIp, @Nullable String userAgent, String details,
		String prevHash, String hash) {

}
