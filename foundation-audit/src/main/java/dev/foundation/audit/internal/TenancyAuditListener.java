package dev.foundation.audit.internal;

import java.util.Locale;

import dev.foundation.audit.ActorKind;
import dev.foundation.audit.AuditEventBuilder;
import dev.foundation.audit.AuditLog;
import dev.foundation.audit.WriteMode;
import dev.foundation.tenancy.MembershipChange;
import dev.foundation.tenancy.MembershipListener;
import dev.foundation.tenancy.TenantChange;
import dev.foundation.tenancy.TenantListener;
import org.jspecify.annotations.Nullable;

/**
 * Records tenant and membership changes in the tenant's chain. Tenancy calls listeners
 * after the change committed, so these are written in batched mode (a transaction of
 * their own); the caller's transaction is already over.
 */
public final class TenancyAuditListener implements TenantListener, MembershipListener {

	private final AuditLog log;

	/**
	 * Creates the listener.
	 * @param log where events are recorded
	 */
	public TenancyAuditListener(AuditLog log) {
		this.log = log;
	}

	@Override
	public void onChange(TenantChange change) {
		event("tenant." + change.kind().name().toLowerCase(Locale.ROOT), change.actorUserId()).tenant(change.tenantId())
			.resource("tenant", change.tenantId())
			.record();
	}

	@Override
	public void onChange(MembershipChange change) {
		String action = (change.oldRole() == null) ? "membership.grant"
				: (change.newRole() == null) ? "membership.revoke" : "membership.change";
		event(action, change.actorUserId()).tenant(change.tenantId())
			.resource("membership", change.user().subject())
			.detail("issuer", change.user().issuer())
			.detail("old_role", (change.oldRole() != null) ? change.oldRole().name().toLowerCase(Locale.ROOT) : null)
			.detail("new_role", (change.newRole() != null) ? change.newRole().name().toLowerCase(Locale.ROOT) : null)
			.record();
	}

	private AuditEventBuilder event(String action, @Nullable String actor) {
		AuditEventBuilder event = this.log.event(action).mode(WriteMode.BATCHED);
		return (actor != null) ? event.actor(actor, ActorKind.USER) : event.actor(null, ActorKind.SYSTEM);
	}

}
