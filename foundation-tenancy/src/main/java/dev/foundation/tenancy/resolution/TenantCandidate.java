package dev.foundation.tenancy.resolution;

import java.util.Objects;
import java.util.UUID;

import dev.foundation.core.auth.AuthProvider;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link TenantResolver} named a tenant: by id, by slug, or by an identity provider's organization id.
 *
 * @param kind how the tenant is named
 * @param value the id (as a UUID string), slug or external id
 * @param provider the identity provider, for {@link Kind#EXTERNAL_ID} only
 */
public record TenantCandidate(Kind kind, String value, @Nullable AuthProvider provider) {

	public TenantCandidate {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(value, "value");
		if ((kind == Kind.EXTERNAL_ID) != (provider != null)) {
			throw new IllegalArgumentException("A provider is given for external ids, and only for them");
		}
	}

	/**
	 * Names a tenant by id.
	 * @param id the tenant's id
	 * @return the candidate
	 */
	public static TenantCandidate byId(UUID id) {
		return new TenantCandidate(Kind.ID, id.toString(), null);
	}

	/**
	 * Names a tenant by slug.
	 * @param slug the tenant's slug
	 * @return the candidate
	 */
	public static TenantCandidate bySlug(String slug) {
		return new TenantCandidate(Kind.SLUG, slug, null);
	}

	/**
	 * Names a tenant by an identity provider's organization id, e.g. Clerk's {@code org_…}.
	 * @param provider the identity provider
	 * @param externalId the provider's organization id
	 * @return the candidate
	 */
	public static TenantCandidate byExternalId(AuthProvider provider, String externalId) {
		return new TenantCandidate(Kind.EXTERNAL_ID, externalId, provider);
	}

	/** How a tenant is named. */
	public enum Kind {

		/** By the tenant's id. */
		ID,

		/** By the tenant's slug. */
		SLUG,

		/** By an identity provider's organization id linked to the tenant. */
		EXTERNAL_ID

	}

}
