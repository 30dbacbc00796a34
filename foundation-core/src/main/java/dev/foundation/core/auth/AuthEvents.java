package dev.foundation.core.auth;

import java.time.Duration;

/**
 * What authentication reports for monitoring: refusals by category, key set fetches and
 * API key life cycle events. The foundation implements it with Micrometer counters when a
 * {@code MeterRegistry} exists (see {@code docs/metrics.md}); every method does nothing
 * by default.
 * <p>
 * Arguments are bounded by design: categories, configured issuer names, outcomes. Never a
 * token, a key, a user or a tenant.
 */
public interface AuthEvents {

	/** Reports nothing. */
	AuthEvents NONE = new AuthEvents() {
	};

	/**
	 * A request was refused authentication.
	 * @param failure why
	 */
	default void authenticationFailed(AuthFailure failure) {
	}

	/**
	 * A request authenticated with an API key.
	 */
	default void apiKeyAuthenticated() {
	}

	/**
	 * An API key was issued.
	 */
	default void apiKeyIssued() {
	}

	/**
	 * An active API key was revoked.
	 */
	default void apiKeyRevoked() {
	}

	/**
	 * A trusted issuer's key set was fetched, or a fetch was attempted or skipped.
	 * @param issuer the issuer's configured name, e.g. {@code supabase}
	 * @param outcome what happened
	 * @param duration how long it took, retries included; zero when nothing was fetched
	 */
	default void keySetFetched(String issuer, KeySetFetch outcome, Duration duration) {
	}

	/** The outcome of a key set fetch. */
	enum KeySetFetch {

		/** Fetched. */
		SUCCESS("success"),

		/** Failed, after the configured attempts; the cached set stays in use. */
		FAILURE("failure"),

		/**
		 * Not attempted: the issuer's circuit breaker is open after repeated failures.
		 */
		CIRCUIT_OPEN("circuit-open"),

		/**
		 * Not attempted: a refetch (e.g. for a token with an unknown key id) came sooner
		 * than {@code foundation.auth.jwks.min-refresh-interval} after the last.
		 */
		RATE_LIMITED("rate-limited");

		private final String tag;

		KeySetFetch(String tag) {
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
