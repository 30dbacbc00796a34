package dev.foundation.tenancy.internal;

import java.util.UUID;

import dev.foundation.tenancy.TenantChange;
import dev.foundation.tenancy.TenantListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports tenant changes to the listeners once they are committed.
 */
final class TenantNotifier {

	private static final Logger logger = LoggerFactory.getLogger(TenantNotifier.class);

	private final CommittedChanges<TenantListener, TenantChange> changes;

	TenantNotifier(Iterable<TenantListener> listeners) {
		this.changes = new CommittedChanges<>(listeners, TenantListener::onChange);
	}

	/**
	 * Called inside the transaction making the change; the actor is read now, on the
	 * caller's thread.
	 */
	void changed(UUID tenantId, TenantChange.Kind kind) {
		String actor = CommittedChanges.actor();
		TenantChange change = new TenantChange(tenantId, kind, actor);
		logger.info("Tenant {}: {} (by {})", tenantId, kind, actor);
		this.changes.report(change);
	}

}
