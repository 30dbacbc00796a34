package dev.foundation.core.auth.jwt;

import java.io.IOException;
import java.net.URL;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
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

	private volatile boolean failing;

	ResilientResourceRetriever(ResourceRetriever delegate, Retry retry, CircuitBreaker circuitBreaker) {
		this.delegate = delegate;
		this.retry = retry;
		this.circuitBreaker = circuitBreaker;
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
		try {
			Resource resource = Retry
				.decorateCheckedSupplier(this.retry, CircuitBreaker.decorateCheckedSupplier(this.circuitBreaker, fetch))
				.get();
			this.failing = false;
			return resource;
		}
		catch (CallNotPermittedException ex) {
			this.failing = true;
			// An IOException, as for any failed fetch: Nimbus's outage-tolerant cache
			// then serves the last key set.
			throw new IOException("Not fetching the key set from " + url + ": " + ex.getMessage(), ex);
		}
		catch (IOException | RuntimeException ex) {
			this.failing = true;
			throw ex;
		}
		catch (Throwable ex) {
			this.failing = true;
			throw new IOException("Fetching the key set from " + url + " failed", ex);
		}
	}

}
