package dev.foundation.audit;

import java.util.UUID;

import dev.foundation.core.paging.CursorPage;
import dev.foundation.core.paging.CursorRequest;

/**
 * Lists a tenant's audit events, newest first, a page at a time. Pages follow a cursor
 * (the last event's time and id), so a page costs an index range scan however deep it is.
 * Reads run with the tenant bound: row-level security shows no other tenant's events. Who
 * may call this is the caller's rule (the HTTP endpoint admits owners and admins).
 */
@FunctionalInterface
public interface AuditEventQuery {

	/**
	 * Lists events.
	 * @param tenantId the tenant
	 * @param filter the criteria
	 * @param page the cursor and size
	 * @return the page, with the cursor of the next one if there are more
	 */
	CursorPage<StoredAuditEvent> find(UUID tenantId, AuditEventFilter filter, CursorRequest page);

}
