package dev.foundation.tenancy.internal;

import java.util.UUID;

import dev.foundation.core.auth.UserIdentity;
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

	private final CommittedChanges<MembershipListener, MembershipChange> changes;

	MembershipNotifier(Iterable<MembershipListener> listeners) {
		this.changes = new CommittedChanges<>(listeners, MembershipListener::onChange);
	}

	/**
	 * Called inside the transaction making the change; the actor is read now, on the
	 * caller's thread.
	 */
	void changed(UUID tenantId, UserIdentity user, @Nullable TenantRole oldRole, @Nullable TenantRole newRole) {
		String actor = CommittedChanges.actor();
		MembershipChange change = new MembershipChange(tenantId, user, oldRole, newRole, actor);
		logger.info("Membership of user {} in tenant {}: {} -> {} (by {})", user, tenantId, oldRole, newRole, actor);
		this.changes.report(change);
	}

}
