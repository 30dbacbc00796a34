package dev.foundation.audit;

import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An event to be appended to the audit log, before it has a place in its chain. Build one
 * with {@link AuditLog#event(String)}.
 *
 * @param id the event's id, time-ordered (UUID version 7)
 * @param tenantId the tenant whose chain receives the event, {@code null} for a system
 * event (readable only in the system scope)
 * @param actorId who acted (a user id, an API key id), {@code null} when unknown
 * @param actorKind what kind of actor
 * @param action what was done, dotted lowercase ({@code contact.update})
 * @param resourceType the kind of resource acted on ({@code contact})
 * @param resourceId the resource's id
 * @param outcome how it ended
 * @param correlationId the request's correlation id
 * @param clientIp the client's address
 * @param userAgent the client's {@code User-Agent}
 * @param details further attributes as a JSON object, PII already protected
 */
public record AuditEvent(UUID id, @Nullable UUID tenantId, @Nullable String actorId, ActorKind actorKind, String action,
		@Nullable String resourceType, @Nullable String resourceId, AuditOutcome outcome,
		@Nullable String correlationId, @Nullable String clientIp, @Nullable String userAgent, String details) {

	public AuditEvent {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(actorKind, "actorKind");
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(outcome, "outcome");
		Objects.requireNonNull(details, "details");
	}

}
