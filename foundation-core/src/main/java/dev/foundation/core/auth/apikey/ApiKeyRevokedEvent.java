package dev.foundation.core.auth.apikey;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Published (as a Spring application event) when an active API key was revoked, in the
 * thread and transaction of the call that revoked it.
 *
 * @param keyId the key's id
 * @param tenantId the tenant the key acted in, {@code null} for a key of no tenant
 */
public record ApiKeyRevokedEvent(UUID keyId, @Nullable String tenantId) {

}
