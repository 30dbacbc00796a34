package dev.foundation.core.http;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.core.error.ExternalServiceException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Protects every outbound call of a {@code RestClient} per host: a time limit until the
 * response headers, retries for idempotent methods only (a POST that timed out may have
 * taken effect), a circuit breaker and a bulkhead, all resilience4j. A call that fails
 * for good becomes an {@link ExternalServiceException}: {@code 504} for a timeout,
 * {@code 503} when the breaker is open or the bulkhead full (or the host answered 503),
 * {@code 502} otherwise, including any other 5xx answer. The caller's {@code traceparent}
 * is propagated (a new span id under the request's trace id) unless the call already
 * carries one.
 * <p>
 * Each attempt runs on the given executor so that the time limit can abandon it; the
 * request context travels with it.
 */
public final class ResilientRequestInterceptor implements ClientHttpRequestInterceptor {

	private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.TRACE);

	private static final String TRACEPARENT = "traceparent";

	private final Function<String, HostResilience> policies;

	private final CircuitBreakerRegistry breakers;

	private final RetryRegistry retries;

	private final BulkheadRegistry bulkheads;

	private final AsyncTaskExecutor executor;

	private final Map<String, TimeLimiter> timeLimiters = new ConcurrentHashMap<>();

	/**
	 * Creates the interceptor.
	 * @param policies the protection of each host (by host name)
	 * @param breakers where the per-host breakers live (bound to metrics and health)
	 * @param retries where the per-host retries live
	 * @param bulkheads where the per-host bulkheads live
	 * @param executor runs attempts under the time limit
	 */
	public ResilientRequestInterceptor(Function<String, HostResilience> policies, CircuitBreakerRegistry breakers,
			RetryRegistry retries, BulkheadRegistry bulkheads, AsyncTaskExecutor executor) {
		this.policies = policies;
		this.breakers = breakers;
		this.retries = retries;
		this.bulkheads = bulkheads;
		this.executor = executor;
	}

	/**
	 * The per-host circuit breakers, named by host.
	 * @return the registry
	 */
	public CircuitBreakerRegistry breakers() {
		return this.breakers;
	}

	/**
	 * The per-host retries, named by host ({@code :once} appended for non-idempotent
	 * calls).
	 * @return the registry
	 */
	public RetryRegistry retries() {
		return this.retries;
	}

	/**
	 * The per-host bulkheads, named by host.
	 * @return the registry
	 */
	public BulkheadRegistry bulkheads() {
		return this.bulkheads;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String host = String.valueOf(request.getURI().getHost());
		HostResilience policy = this.policies.apply(host);
		RequestContext context = RequestContexts.find().orElse(null);
		propagateTrace(request, context);
		CircuitBreaker breaker = this.breakers.circuitBreaker(host, () -> breakerConfig(policy));
		Bulkhead bulkhead = this.bulkheads.bulkhead(host, () -> bulkheadConfig(policy));
		TimeLimiter timeLimiter = this.timeLimiters.computeIfAbsent(host,
				(name) -> TimeLimiter.of(name, TimeLimiterConfig.custom().timeoutDuration(policy.timeout()).build()));
		int attempts = IDEMPOTENT.contains(request.getMethod()) ? policy.maxAttempts() : 1;
		Retry retry = this.retries.retry(host + (attempts > 1 ? "" : ":once"), () -> retryConfig(attempts, policy));
		try {
			return Retry
				.decorateCheckedSupplier(retry,
						() -> CircuitBreaker
							.decorateCheckedSupplier(breaker,
									() -> Bulkhead
										.decorateCheckedSupplier(bulkhead,
												() -> attempt(request, body, execution, context, timeLimiter))
										.get())
							.get())
				.get();
		}
		catch (Throwable ex) {
			throw failure(policy.serviceName(), ex);
		}
	}

	private ClientHttpResponse attempt(HttpRequest request, byte[] body, ClientHttpRequestExecution execution,
			@Nullable RequestContext context, TimeLimiter timeLimiter) throws Exception {
		// A Future whose cancel interrupts the attempt, so a timed-out call frees its
		// thread (JDK HttpClient's send() gives up when interrupted).
		ClientHttpResponse response = timeLimiter.executeFutureSupplier(() -> this.executor.submit(() -> {
			try (RequestContexts.Scope scope = (context != null) ? RequestContexts.bind(context) : () -> {
			}) {
				return execution.execute(request, body);
			}
		}));
		if (response.getStatusCode().is5xxServerError()) {
			int status = response.getStatusCode().value();
			response.close();
			throw new UpstreamServerError(status);
		}
		return response;
	}

	private static void propagateTrace(HttpRequest request, @Nullable RequestContext context) {
		if (context == null || context.traceId() == null || request.getHeaders().containsHeader(TRACEPARENT)) {
			return;
		}
		String spanId = String.format("%016x", ThreadLocalRandom.current().nextLong() | 1L);
		request.getHeaders().set(TRACEPARENT, "00-" + context.traceId() + "-" + spanId + "-01");
	}

	private static RuntimeException failure(String service, Throwable ex) {
		Throwable cause = unwrap(ex);
		if (cause instanceof TimeoutException) {
			return new ExternalServiceException(service, HttpStatus.GATEWAY_TIMEOUT, cause);
		}
		if (cause instanceof CallNotPermittedException || cause instanceof BulkheadFullException) {
			return new ExternalServiceException(service, HttpStatus.SERVICE_UNAVAILABLE, cause);
		}
		if (cause instanceof UpstreamServerError upstream && upstream.status == 503) {
			return new ExternalServiceException(service, HttpStatus.SERVICE_UNAVAILABLE, cause);
		}
		if (cause instanceof UpstreamServerError upstream && upstream.status == 504) {
			return new ExternalServiceException(service, HttpStatus.GATEWAY_TIMEOUT, cause);
		}
		return new ExternalServiceException(service, HttpStatus.BAD_GATEWAY, cause);
	}

	private static Throwable unwrap(Throwable ex) {
		Throwable current = ex;
		while ((current instanceof ExecutionException || current instanceof java.util.concurrent.CompletionException
				|| current instanceof java.io.UncheckedIOException) && current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	private static CircuitBreakerConfig breakerConfig(HostResilience policy) {
		return CircuitBreakerConfig.custom()
			.failureRateThreshold(policy.failureRateThreshold())
			.minimumNumberOfCalls(policy.minimumCalls())
			.slidingWindowSize(policy.slidingWindow())
			.waitDurationInOpenState(policy.openDuration())
			.permittedNumberOfCallsInHalfOpenState(policy.halfOpenCalls())
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.build();
	}

	private static BulkheadConfig bulkheadConfig(HostResilience policy) {
		return BulkheadConfig.custom()
			.maxConcurrentCalls(policy.maxConcurrentCalls())
			.maxWaitDuration(java.time.Duration.ZERO)
			.build();
	}

	private static RetryConfig retryConfig(int attempts, HostResilience policy) {
		// Only failures worth another try: not an open breaker or a full bulkhead.
		return RetryConfig.custom()
			.maxAttempts(attempts)
			.waitDuration(policy.retryBackoff())
			.retryOnException((ex) -> !(ex instanceof CallNotPermittedException || ex instanceof BulkheadFullException))
			.build();
	}

	/** The host answered with a 5xx status. */
	static final class UpstreamServerError extends Exception {

		private final int status;

		UpstreamServerError(int status) {
			super("The host answered " + status, null, false, false);
			this.status = status;
		}

	}

}
