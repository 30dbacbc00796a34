package dev.foundation.tenancy.internal;

import java.util.UUID;

import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.tenancy.TenantChange;
import dev.foundation.tenancy.TenantListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports tenant changes to the listeners once they are committed.
 */
final class TenantNotifier {

	private static final Logger logger = LoggerFactory.getLogger(TenantNotifier.class);

	private final Iterable<TenantListener> listeners;

	TenantNotifier(Iterable<TenantListener> listeners) {
		this.listeners = listeners;
	}

	/** Called inside the transaction making the change; the actor is read now, on the caller's thread. */
	void changed(UUID tenantId, TenantChange.Kind kind) {
		String actor = RequestContexts.find().map(RequestContext::userId).orElse(null);
		TenantChange change = new TenantChange(tenantId, kind, actor);
		logger.info("Tenant {}: {} (by {})", tenantId, kind, actor);
		AfterCommit.run(() -> notifyListeners(change));
	}

	private void notifyListeners(TenantChange change) {
		for (TenantListener listener : this.listeners) {
			try {
				listener.onChange(change);
			}
			catch (RuntimeException ex) {
				// Why: the change is committed; failing the caller now would report a success as a failure.
				logger.error("Tenant listener {} failed on {}", listener, change, ex);
			}
		}
	}

}
