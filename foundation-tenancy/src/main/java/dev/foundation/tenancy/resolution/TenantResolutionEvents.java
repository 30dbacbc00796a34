package dev.foundation.tenancy.resolution;

/**
 * What tenant resolution reports for monitoring: each request's outcome and which kind of
 * resolver named the tenant. The foundation implements it with the
 * {@code foundation.tenancy.resolutions} counter when a {@code MeterRegistry} exists.
 * Arguments are fixed categories: never a tenant, a user or a header's value.
 */
@FunctionalInterface
public interface TenantResolutionEvents {

	/** Reports nothing. */
	TenantResolutionEvents NONE = (source, outcome) -> {
	};

	/**
	 * A request's tenant was resolved, or refused.
	 * @param source the kind of resolver that named the tenant ({@link Source#NONE} if
	 * none did)
	 * @param outcome what came of it
	 */
	void resolved(Source source, Outcome outcome);

	/** The kind of resolver that named the tenant. */
	enum Source {

		/** The token's claim ({@link ClaimTenantResolver}). */
		CLAIM("claim"),

		/** The tenant header ({@link HeaderTenantResolver}). */
		HEADER("header"),

		/** The host's subdomain ({@link SubdomainTenantResolver}). */
		SUBDOMAIN("subdomain"),

		/** An application's own {@link TenantResolver}. */
		CUSTOM("custom"),

		/** No resolver named a tenant. */
		NONE("none");

		private final String tag;

		Source(String tag) {
			this.tag = tag;
		}

		/**
		 * Returns the source as a tag value.
		 * @return the tag value
		 */
		public String tag() {
			return this.tag;
		}

		static Source of(TenantResolver resolver) {
			if (resolver instanceof ClaimTenantResolver) {
				return CLAIM;
			}
			if (resolver instanceof HeaderTenantResolver) {
				return HEADER;
			}
			if (resolver instanceof SubdomainTenantResolver) {
				return SUBDOMAIN;
			}
			return CUSTOM;
		}

	}

	/** What came of resolving a request's tenant. */
	enum Outcome {

		/** The tenant was found (or provisioned) and the caller may act in it. */
		RESOLVED("resolved"),

		/** No tenant was named, on a path that does not need one. */
		NONE("none"),

		/** No tenant was named on a path that needs one (400 {@code tenant-required}). */
		REQUIRED("required"),

		/**
		 * A resolver refused the request's value, e.g. a malformed tenant header (400).
		 */
		INVALID("invalid"),

		/** No tenant is known by the name given (404). */
		UNKNOWN("unknown"),

		/** The tenant is suspended (403). */
		SUSPENDED("suspended"),

		/** The tenant was erased (its data crypto-shredded): refused for good. */
		ERASED("erased"),

		/** The caller is not a member of the tenant (403). */
		NOT_A_MEMBER("not-a-member"),

		/**
		 * The header, subdomain or another resolver named another tenant than the token's
		 * organization (403).
		 */
		TOKEN_MISMATCH("token-mismatch"),

		/** An API key was used in another tenant than its own (403). */
		API_KEY_MISMATCH("api-key-mismatch"),

		/** The lookup failed (e.g. the database did not answer). */
		ERROR("error");

		private final String tag;

		Outcome(String tag) {
			this.tag = tag;
		}

		/**
		 * Returns the outcome as a tag value.
		 * @return the tag value
		 */
		public String tag() {
			return this.tag;
		}

	}

}
