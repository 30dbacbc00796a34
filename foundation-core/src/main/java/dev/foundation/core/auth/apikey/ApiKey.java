package dev.foundation.core.auth.apikey;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An API key's description; never its secret.
 *
 * @param id the key's id
 * @param name what the key is for
 * @param prefix the key's public prefix, shown to help people recognise it
 * @param tenantId the tenant the key acts in
 * @param roles the roles it grants
 * @param createdAt when it was issued
 * @param expiresAt when it stops working
 * @param revokedAt when it was revoked
 */
public record ApiKey(UUID id, String name, String prefix, @Nullable String tenantId, Set<String> roles,
		Instant createdAt, @Nullable Instant expiresAt, @Nullable Instant revokedAt) {

	public ApiKey {
		roles = Set.copyOf(roles);
	}

}
