package dev.foundation.core.auth.jwt;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import dev.foundation.core.auth.AuthEvents;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;

/**
 * Fetches key sets through a resilience4j retry and circuit breaker, whose states are
 * visible as metrics (when resilience4j's Micrometer binding is present) and in the
 * {@code jwks} health component. An open circuit fails fast; Nimbus's outage-tolerant
 * cache keeps serving the last key set meanwhile.
 */
final class ResilientResourceRetriever implements ResourceRetriever {

	private final ResourceRetriever delegate;

	private final Retry retry;

	private final CircuitBreaker circuitBreaker;

	private final String issuer;

	private final AuthEvents events;

	private volatile boolean failing;

	ResilientResourceRetriever(ResourceRetriever delegate, Retry retry, CircuitBreaker circuitBreaker) {
		this(delegate, retry, circuitBreaker, "", AuthEvents.NONE);
	}

	ResilientResourceRetriever(ResourceRetriever delegate, Retry retry, CircuitBreaker circuitBreaker, String issuer,
			AuthEvents events) {
		this.delegate = delegate;
		this.retry = retry;
		this.circuitBreaker = circuitBreaker;
		this.issuer = issuer;
		this.events = events;
	}

	/**
	 * Returns whether the last fetch of the key set failed (or was refused by the open
	 * circuit): while it does, a token naming a key the cached set lacks cannot be
	 * judged.
	 * @return whether the key set endpoint is failing
	 */
	boolean isFailing() {
		return this.failing;
	}

	@Override
	public Resource retrieveResource(URL url) throws IOException {
		CheckedSupplier<Resource> fetch = () -> this.delegate.retrieveResource(url);
		long start = System.nanoTime();
		try {
			Resource resource = Retry
				.decorateCheckedSupplier(this.retry, CircuitBreaker.decorateCheckedSupplier(this.circuitBreaker, fetch))
				.get();
			this.failing = false;
			report(AuthEvents.KeySetFetch.SUCCESS, start);
			return resource;
		}
		catch (CallNotPermittedException ex) {
			this.failing = true;
			this.events.keySetFetched(this.issuer, AuthEvents.KeySetFetch.CIRCUIT_OPEN, Duration.ZERO);
			// An IOException, as for any failed fetch: Nimbus's outage-tolerant cache
			// then serves the last key set.
			throw new IOException("Not fetching the key set from " + url + ": " + ex.getMessage(), ex);
		}
		catch (IOException | RuntimeException ex) {
			this.failing = true;
			report(AuthEvents.KeySetFetch.FAILURE, start);
			throw ex;
		}
		catch (Throwable ex) {
			this.failing = true;
			report(AuthEvents.KeySetFetch.FAILURE, start);
			throw new IOException("Fetching the key set from " + url + " failed", ex);
		}
	}

	private void report(AuthEvents.KeySetFetch outcome, long start) {
		this.events.keySetFetched(this.issuer, outcome, Duration.ofNanos(System.nanoTime() - start));
	}

}
