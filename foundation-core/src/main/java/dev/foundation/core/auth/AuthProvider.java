package dev.foundation.core.auth;

/**
 * The kind of provider that authenticated a caller.
 */
public enum AuthProvider {

	/** Supabase Auth. */
	SUPABASE,

	/** Clerk. */
	CLERK,

	/** Any other OIDC or JWT issuer configured under {@code foundation.auth.issuers}. */
	CUSTOM,

	/** An API key issued by the foundation. */
	API_KEY

}
