package dev.foundation.audit.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import dev.foundation.audit.AuditChainVerifier;
import dev.foundation.audit.AuditEventFilter;
import dev.foundation.audit.AuditEventQuery;
import dev.foundation.audit.AuditOutcome;
import dev.foundation.audit.AuditTenantScope;
import dev.foundation.audit.ChainVerification;
import dev.foundation.core.error.BadRequestException;
import dev.foundation.core.paging.CursorPage;
import dev.foundation.core.paging.CursorRequest;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.tenancy.resolution.TenantRequiredException;
import dev.foundation.tenancy.web.RequireTenantRole;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The request's tenant's audit trail, for its owners and admins: {@code GET
 * /api/v1/audit-events} lists events (newest first, cursor-paged, filtered by actor,
 * action, resource, outcome and time range);
 * {@code GET /api/v1/audit-events/verification} walks the tenant's chain and answers 200
 * with the report, also when the chain was tampered with (a finding, not a server error).
 */
@RestController
@RequestMapping("/api/v1/audit-events")
@RequireTenantRole(TenantRole.ADMIN)
public class AuditEventController {

	private final AuditEventQuery query;

	private final AuditChainVerifier verifier;

	private final AuditTenantScope scope;

	/**
	 * Creates the controller.
	 * @param query lists events
	 * @param verifier verifies chains
	 * @param scope the tenant scope
	 */
	public AuditEventController(AuditEventQuery query, AuditChainVerifier verifier, AuditTenantScope scope) {
		this.query = query;
		this.verifier = verifier;
		this.scope = scope;
	}

	/**
	 * Lists events.
	 * @param actor the actor id
	 * @param action the action
	 * @param resourceType the resource type
	 * @param resourceId the resource id
	 * @param outcome the outcome
	 * @param from the earliest time (ISO-8601), inclusive
	 * @param to the latest time (ISO-8601), exclusive
	 * @param page the cursor and size
	 * @return the page
	 */
	@GetMapping
	public CursorPage<AuditEventView> list(@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(name = "resource-type", required = false) @Nullable String resourceType,
			@RequestParam(name = "resource-id", required = false) @Nullable String resourceId,
			@RequestParam(required = false) @Nullable String outcome,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			CursorRequest page) {
		AuditEventFilter filter = new AuditEventFilter(actor, action, resourceType, resourceId, outcome(outcome),
				instant("from", from), instant("to", to));
		CursorPage<dev.foundation.audit.StoredAuditEvent> events = this.query.find(tenant(), filter, page);
		return new CursorPage<>(events.items().stream().map(AuditEventView::of).toList(), events.next());
	}

	/**
	 * Verifies the tenant's chain.
	 * @return the report
	 */
	@GetMapping("/verification")
	public ChainVerification verify() {
		return this.verifier.verify(tenant());
	}

	private UUID tenant() {
		return this.scope.currentTenant()
			.orElseThrow(() -> new TenantRequiredException("The audit trail is kept per tenant"));
	}

	private static @Nullable AuditOutcome outcome(@Nullable String outcome) {
		if (outcome == null) {
			return null;
		}
		try {
			return AuditOutcome.ofCode(outcome);
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequestException("outcome must be success, failure or denied");
		}
	}

	private static @Nullable Instant instant(String name, @Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new BadRequestException(name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
		}
	}

}
