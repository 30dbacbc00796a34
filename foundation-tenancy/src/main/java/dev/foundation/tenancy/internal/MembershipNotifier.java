package dev.foundation.tenancy.internal;

import java.util.UUID;

import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.tenancy.MembershipChange;
import dev.foundation.tenancy.MembershipListener;
import dev.foundation.tenancy.TenantRole;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports membership changes to the listeners once they are committed.
 */
final class MembershipNotifier {

	private static final Logger logger = LoggerFactory.getLogger(MembershipNotifier.class);

	private final Iterable<MembershipListener> listeners;

	MembershipNotifier(Iterable<MembershipListener> listeners) {
		this.listeners = listeners;
	}

	/** Called inside the transaction making the change; the actor is read now, on the caller's thread. */
	void changed(UUID tenantId, String userId, @Nullable TenantRole oldRole, @Nullable TenantRole newRole) {
		String actor = RequestContexts.find().map(RequestContext::userId).orElse(null);
		MembershipChange change = new MembershipChange(tenantId, userId, oldRole, newRole, actor);
		logger.info("Membership of user {} in tenant {}: {} -> {} (by {})", userId, tenantId, oldRole, newRole, actor);
		AfterCommit.run(() -> notifyListeners(change));
	}

	private void notifyListeners(MembershipChange change) {
		for (MembershipListener listener : this.listeners) {
			try {
				listener.onChange(change);
			}
			catch (RuntimeException ex) {
				// Why: the change is committed; failing the caller now would report a success as a failure.
				logger.error("Membership listener {} failed on {}", listener, change, ex);
			}
		}
	}

}
