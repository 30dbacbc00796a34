package dev.foundation.core.auth.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.foundation.core.auth.AuthFailure;
import dev.foundation.core.auth.FoundationPrincipal;
import org.jspecify.annotations.Nullable;

/**
 * Issues, checks and revokes API keys. A key's plaintext is returned once, at creation;
 * only its hash is stored.
 * <p>
 * Every method that names a key takes the tenant the caller acts in as well, and touches
 * only a key of that tenant: a key id taken from a request (e.g. {@code DELETE
 * /api-keys/{id}}) cannot reach another tenant's key even when the application forgets to
 * check whose it is.
 */
public interface ApiKeyService {

	/**
	 * Issues a key.
	 * @param name what the key is for, e.g. {@code billing-sync}
	 * @param tenantId the tenant the key acts in, or {@code null} for a key of no tenant
	 * @param roles the foundation roles the key grants
	 * @param expiresAt when the key stops working, or {@code null} for never
	 * @return the key's description and its plaintext, which cannot be recovered later
	 */
	IssuedApiKey issue(String name, @Nullable String tenantId, Set<String> roles, @Nullable Instant expiresAt);

	/**
	 * Checks a presented key in constant time.
	 * @param presentedKey the header value
	 * @return the principal the key authenticates, or empty for an unknown, revoked,
	 * expired or malformed key
	 */
	Optional<FoundationPrincipal> authenticate(String presentedKey);

	/**
	 * Checks a presented key in constant time and tells why it was refused (for
	 * {@code foundation.auth.failures}; never for the client). The default implementation
	 * calls {@link #authenticate(String)} and calls every refusal an unknown key.
	 * @param presentedKey the header value
	 * @return the principal, or why the key was refused
	 */
	default ApiKeyCheck check(String presentedKey) {
		return authenticate(presentedKey).map(ApiKeyCheck::authenticated)
			.orElseGet(() -> ApiKeyCheck.refused(AuthFailure.API_KEY_UNKNOWN));
	}

	/**
	 * Revokes a key of a tenant; it stops working at once. A key of another tenant (or,
	 * for a {@code null} tenant, a key of any tenant) is left as it is, exactly as if the
	 * id were unknown.
	 * @param tenantId the tenant the caller acts in, or {@code null} for keys of no
	 * tenant
	 * @param id the key's id
	 * @return {@code true} if a key of that tenant that was active is now revoked;
	 * {@code false} for an unknown, already revoked or expired key, or a key of another
	 * tenant
	 */
	boolean revoke(@Nullable String tenantId, UUID id);

	/**
	 * Lists the keys of a tenant (without secrets).
	 * @param tenantId the tenant, or {@code null} for keys of no tenant
	 * @return the keys, newest first
	 */
	List<ApiKey> list(@Nullable String tenantId);

}
