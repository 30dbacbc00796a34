package dev.foundation.tenancy.resolution;

import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link TenantResolver} named a tenant: by id, by slug, or by an issuer's
 * organization id; and on whose word.
 * <p>
 * Two candidates are equal when they name a tenant the same way, whatever their source.
 *
 * @param kind how the tenant is named
 * @param value the id (as a UUID string), slug or external id
 * @param issuer the issuer ({@code iss}) whose organization id it is, for
 * {@link Kind#EXTERNAL_ID} only
 * @param source on whose word the tenant is named: the token's (provisioning may create
 * it, an API key acts as its member), the client's tenant header, or the request
 * otherwise (a subdomain, an application's resolver)
 */
public record TenantCandidate(Kind kind, String value, @Nullable String issuer, Source source) {

	public TenantCandidate {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(value, "value");
		Objects.requireNonNull(source, "source");
		if ((kind == Kind.EXTERNAL_ID) != (issuer != null)) {
			throw new IllegalArgumentException("An issuer is given for external ids, and only for them");
		}
	}

	/**
	 * Names a tenant by id.
	 * @param id the tenant's id
	 * @return the candidate, of source {@link Source#REQUEST}
	 */
	public static TenantCandidate byId(UUID id) {
		return new TenantCandidate(Kind.ID, id.toString(), null, Source.REQUEST);
	}

	/**
	 * Names a tenant by slug.
	 * @param slug the tenant's slug
	 * @return the candidate, of source {@link Source#REQUEST}
	 */
	public static TenantCandidate bySlug(String slug) {
		return new TenantCandidate(Kind.SLUG, slug, null, Source.REQUEST);
	}

	/**
	 * Names a tenant by an issuer's organization id, e.g. Clerk's {@code org_…}.
	 * @param issuer the issuer ({@code iss}) whose organization it is
	 * @param externalId the issuer's organization id
	 * @return the candidate, of source {@link Source#REQUEST}
	 */
	public static TenantCandidate byExternalId(String issuer, String externalId) {
		return new TenantCandidate(Kind.EXTERNAL_ID, externalId, issuer, Source.REQUEST);
	}

	/**
	 * Returns this candidate as named by the caller's token, which gives an application's
	 * own claim resolver the rules of the built-in one: an organization without a tenant
	 * may be provisioned, and an API key acts as the member of the tenant it is bound to.
	 * @return the candidate, of source {@link Source#TOKEN}
	 */
	public TenantCandidate fromToken() {
		return new TenantCandidate(this.kind, this.value, this.issuer, Source.TOKEN);
	}

	/**
	 * Returns this candidate as named by the client's tenant header: only the client's
	 * word, whose refusals are logged.
	 * @return the candidate, of source {@link Source#HEADER}
	 */
	public TenantCandidate fromHeader() {
		return new TenantCandidate(this.kind, this.value, this.issuer, Source.HEADER);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof TenantCandidate candidate) && this.kind == candidate.kind
				&& this.value.equals(candidate.value) && Objects.equals(this.issuer, candidate.issuer);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.kind, this.value, this.issuer);
	}

	/** How a tenant is named. */
	public enum Kind {

		/** By the tenant's id. */
		ID,

		/** By the tenant's slug. */
		SLUG,

		/** By an issuer's organization id linked to the tenant. */
		EXTERNAL_ID

	}

	/** On whose word a tenant is named. */
	public enum Source {

		/** The caller's token (a claim). */
		TOKEN,

		/** The client's tenant header. */
		HEADER,

		/**
		 * Anything else about the request: its host, a webhook's payload, an
		 * application's rule.
		 */
		REQUEST

	}

}
