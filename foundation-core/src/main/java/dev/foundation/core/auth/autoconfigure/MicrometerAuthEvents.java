package dev.foundation.core.auth.autoconfigure;

import java.time.Duration;

import dev.foundation.core.auth.AuthEvents;
import dev.foundation.core.auth.AuthFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Authentication's events as Micrometer meters. Every tag value is a fixed category or a
 * configured issuer name.
 */
final class MicrometerAuthEvents implements AuthEvents {

	static final String FAILURES = "foundation.auth.failures";

	static final String JWKS_FETCHES = "foundation.auth.jwks.fetches";

	static final String JWKS_FETCH_DURATION = "foundation.auth.jwks.fetch.duration";

	private final MeterRegistry registry;

	private final Counter apiKeysAuthenticated;

	private final Counter apiKeysIssued;

	private final Counter apiKeysRevoked;

	MicrometerAuthEvents(MeterRegistry registry) {
		this.registry = registry;
		this.apiKeysAuthenticated = Counter.builder("foundation.auth.api-keys.authenticated")
			.description("Requests authenticated with an API key")
			.register(registry);
		this.apiKeysIssued = Counter.builder("foundation.auth.api-keys.issued")
			.description("API keys issued by this instance")
			.register(registry);
		this.apiKeysRevoked = Counter.builder("foundation.auth.api-keys.revoked")
			.description("Active API keys revoked by this instance")
			.register(registry);
	}

	@Override
	public void authenticationFailed(AuthFailure failure) {
		Counter.builder(FAILURES)
			.description("Requests refused authentication, by credential scheme and reason")
			.tag("scheme", failure.scheme().tag())
			.tag("reason", failure.reason())
			.register(this.registry)
			.increment();
	}

	@Override
	public void apiKeyAuthenticated() {
		this.apiKeysAuthenticated.increment();
	}

	@Override
	public void apiKeyIssued() {
		this.apiKeysIssued.increment();
	}

	@Override
	public void apiKeyRevoked() {
		this.apiKeysRevoked.increment();
	}

	@Override
	public void keySetFetched(String issuer, KeySetFetch outcome, Duration duration) {
		Counter.builder(JWKS_FETCHES)
			.description("Key set fetches of each trusted issuer, by outcome (including fetches not attempted)")
			.tag("issuer", issuer)
			.tag("outcome", outcome.tag())
			.register(this.registry)
			.increment();
		if (outcome == KeySetFetch.SUCCESS || outcome == KeySetFetch.FAILURE) {
			Timer.builder(JWKS_FETCH_DURATION)
				.description("Time to fetch an issuer's key set, retries included")
				.tag("issuer", issuer)
				.tag("outcome", outcome.tag())
				.register(this.registry)
				.record(duration);
		}
	}

}
