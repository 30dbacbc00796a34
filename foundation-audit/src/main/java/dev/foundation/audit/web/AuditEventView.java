package dev.foundation.audit.web;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.foundation.audit.StoredAuditEvent;
import dev.foundation.audit.internal.CanonicalForm;
import org.jspecify.annotations.Nullable;

/**
 * An event as the HTTP API shows it: every stored column, the details as a JSON object
 * and the time in the canonical form's text, so a client can recompute the hash from the
 * response alone.
 *
 * @param id the id
 * @param tenantId the tenant
 * @param seq the sequence number
 * @param occurredAt the time, in the canonical form's text
 * @param actorId the actor
 * @param actorKind the actor's kind
 * @param action the action
 * @param resourceType the resource type
 * @param resourceId the resource id
 * @param outcome the outcome
 * @param correlationId the correlation id
 * @param clientIp the client address
 * @param userAgent the user agent
 * @param details the details
 * @param prevHash the previous hash
 * @param hash the hash
 */
public record AuditEventView(UUID id, @Nullable UUID tenantId, long seq, String occurredAt, @Nullable String actorId,
		String actorKind, String action, @Nullable String resourceType, @Nullable String resourceId, String outcome,
		@Nullable String correlationId, @Nullable String clientIp, @Nullable String userAgent,
		@JsonRawValue String details, String prevHash, String hash) {

	static AuditEventView of(StoredAuditEvent event) {
		return new AuditEventView(event.id(), event.tenantId(), event.seq(), time(event.occurredAt()), event.actorId(),
				event.actorKind(), event.action(), event.resourceType(), event.resourceId(), event.outcome(),
				event.correlationId(), event.clientIp(), event.userAgent(), event.details(), event.prevHash(),
				event.hash());
	}

	private static String time(Instant time) {
		return CanonicalForm.time(time);
	}

}
