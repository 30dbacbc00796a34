package dev.foundation.core.auth;

/**
 * Why a request was refused authentication, in categories fixed by the foundation: the
 * {@code scheme} and {@code reason} tags of {@code foundation.auth.failures}. A category
 * never names a token's contents, a key or a user; clients are told none of it (every
 * refusal is the same {@code 401 invalid_token}), operators see the counts.
 */
public enum AuthFailure {

	/** No bearer token and no API key. */
	MISSING(Scheme.NONE, "missing"),

	/**
	 * The bearer token is not a JWT (or the {@code Authorization} header is malformed).
	 */
	BEARER_MALFORMED(Scheme.BEARER, "malformed"),

	/** The token is unsigned ({@code alg: none}) or encrypted. */
	BEARER_UNSUPPORTED_ALGORITHM(Scheme.BEARER, "unsupported-algorithm"),

	/** The token names no issuer, or one the application does not trust. */
	BEARER_UNTRUSTED_ISSUER(Scheme.BEARER, "untrusted-issuer"),

	/** No key of the issuer matches the token's key id and algorithm. */
	BEARER_UNKNOWN_KEY(Scheme.BEARER, "unknown-key"),

	/** A key matches but the signature does not verify: a forged or altered token. */
	BEARER_BAD_SIGNATURE(Scheme.BEARER, "bad-signature"),

	/**
	 * The JOSE {@code typ} is not accepted (e.g. an ID token where access tokens are).
	 */
	BEARER_WRONG_TYPE(Scheme.BEARER, "wrong-type"),

	/** {@code exp} has passed. */
	BEARER_EXPIRED(Scheme.BEARER, "expired"),

	/** {@code nbf} is not reached yet, or {@code iat} lies in the future. */
	BEARER_NOT_YET_VALID(Scheme.BEARER, "not-yet-valid"),

	/** {@code iss} does not equal the configured issuer. */
	BEARER_WRONG_ISSUER(Scheme.BEARER, "wrong-issuer"),

	/** {@code aud} names none of the accepted audiences. */
	BEARER_WRONG_AUDIENCE(Scheme.BEARER, "wrong-audience"),

	/**
	 * Another claim check failed: no {@code exp}, an unauthorized party ({@code azp}), an
	 * anonymous user, an application's own validator.
	 */
	BEARER_REJECTED_CLAIMS(Scheme.BEARER, "rejected-claims"),

	/**
	 * Refused by a decoder of the application's own for a reason it does not tell.
	 */
	BEARER_INVALID(Scheme.BEARER, "invalid"),

	/** The claims could not be mapped to a principal (e.g. no subject). */
	BEARER_UNMAPPABLE(Scheme.BEARER, "unmappable"),

	/**
	 * The token could not be judged: the issuer's keys could not be fetched (answered
	 * 503, not 401).
	 */
	BEARER_KEYS_UNAVAILABLE(Scheme.BEARER, "keys-unavailable"),

	/** The API key does not have the foundation's key format, or is far too long. */
	API_KEY_MALFORMED(Scheme.API_KEY, "malformed"),

	/** No key has the presented key's prefix and secret. */
	API_KEY_UNKNOWN(Scheme.API_KEY, "unknown-key"),

	/** The API key was revoked. */
	API_KEY_REVOKED(Scheme.API_KEY, "revoked"),

	/** The API key has expired. */
	API_KEY_EXPIRED(Scheme.API_KEY, "expired"),

	/** An API key and a bearer token came together: which one counts is not guessed. */
	API_KEY_AMBIGUOUS(Scheme.API_KEY, "ambiguous");

	private final Scheme scheme;

	private final String reason;

	AuthFailure(Scheme scheme, String reason) {
		this.scheme = scheme;
		this.reason = reason;
	}

	/**
	 * Returns the credential the failure is about.
	 * @return the scheme
	 */
	public Scheme scheme() {
		return this.scheme;
	}

	/**
	 * Returns the reason as a tag value, e.g. {@code bad-signature}.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

	/** The kind of credential presented. */
	public enum Scheme {

		/** None. */
		NONE("none"),

		/** A bearer token. */
		BEARER("bearer"),

		/** An API key. */
		API_KEY("api-key");

		private final String tag;

		Scheme(String tag) {
			this.tag = tag;
		}

		/**
		 * Returns the scheme as a tag value.
		 * @return {@code none}, {@code bearer} or {@code api-key}
		 */
		public String tag() {
			return this.tag;
		}

	}

}
