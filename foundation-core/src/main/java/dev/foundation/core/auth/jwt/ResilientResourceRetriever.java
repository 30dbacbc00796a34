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

	ResilientResourceRetriever(ResourceRetriever delegate, Retry retry, CircuitBreaker circuitBreaker) {
		this.delegate = delegate;
		this.retry = retry;
		this.circuitBreaker = circuitBreaker;
	}

	@Override
	public Resource retrieveResource(URL url) throws IOException {
		CheckedSupplier<Resource> fetch = () -> this.delegate.retrieveResource(url);
		try {
			return Retry
				.decorateCheckedSupplier(this.retry, CircuitBreaker.decorateCheckedSupplier(this.circuitBreaker, fetch))
				.get();
		}
		catch (CallNotPermittedException ex) {
			// An IOException, as for any failed fetch: Nimbus's outage-tolerant cache
			// then serves the last key set.
			throw new IOException("Not fetching the key set from " + url + ": " + ex.getMessage(), ex);
		}
		catch (IOException | RuntimeException ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IOException("Fetching the key set from " + url + " failed", ex);
		}
	}

}
