package dev.foundation.audit.internal;

import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import dev.foundation.audit.AuditEventBuilder;
import dev.foundation.audit.AuditLog;
import dev.foundation.core.auth.apikey.ApiKey;
import dev.foundation.core.auth.apikey.ApiKeyIssuedEvent;
import dev.foundation.core.auth.apikey.ApiKeyRevokedEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;

/**
 * Records API key issue and revocation ({@code api-key.issued}, {@code api-key.revoked})
 * from core's application events, in the key's tenant's chain (the system chain for a key
 * of no tenant, or whose tenant id is not a UUID, with the id as a detail). The actor is
 * whoever made the call. The events are published in the caller's thread: inside a
 * transaction of the key's tenant the event joins it (automatic mode), otherwise it is
 * committed before the call returns; if it cannot be recorded the call fails, so an
 * issued key's secret is never handed out unaudited.
 */
public final class ApiKeyAuditListener {

	private final AuditLog log;

	/**
	 * Creates the listener.
	 * @param log where events are recorded
	 */
	public ApiKeyAuditListener(AuditLog log) {
		this.log = log;
	}

	/**
	 * Records an issued key: its name, roles and expiry, never its secret.
	 * @param issued the event
	 */
	@EventListener
	public void issued(ApiKeyIssuedEvent issued) {
		ApiKey key = issued.key();
		event("api-key.issued", key.id(), key.tenantId()).detail("name", key.name())
			.detail("prefix", key.prefix())
			.detail("roles", List.copyOf(new TreeSet<>(key.roles())))
			.detail("expires_at", (key.expiresAt() != null) ? CanonicalForm.time(key.expiresAt()) : null)
			.record();
	}

	/**
	 * Records a revoked key.
	 * @param revoked the event
	 */
	@EventListener
	public void revoked(ApiKeyRevokedEvent revoked) {
		event("api-key.revoked", revoked.keyId(), revoked.tenantId()).record();
	}

	private AuditEventBuilder event(String action, UUID keyId, @Nullable String tenantId) {
		AuditEventBuilder event = this.log.event(action).resource("api_key", keyId);
		UUID tenant = uuid(tenantId);
		if (tenant != null) {
			return event.tenant(tenant);
		}
		return event.system().detail("tenant", tenantId);
	}

	private static @Nullable UUID uuid(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			// fromString also takes shortened forms ("1-1-1-1-1"): only the canonical one
			// names a tenant's chain.
			UUID uuid = UUID.fromString(text);
			return uuid.toString().equalsIgnoreCase(text) ? uuid : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
