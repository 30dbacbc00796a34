package dev.foundation.core.context;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the foundation knows about the request being served: its ids, where it came from
 * and when it started.
 * <p>
 * Immutable: a later stage (authentication, tenancy) derives a new instance with
 * {@code with…} methods and re-binds it through {@link RequestContexts}, so a context
 * handed to another thread never changes under it.
 *
 * @param correlationId the id that ties together every log line, error and outbound call
 * of this request; always present, either accepted from the caller's {@code X-Request-Id}
 * or generated
 * @param traceId the W3C trace id (32 lowercase hex characters) when the caller sent a
 * valid {@code traceparent}
 * @param clientIp the client address, taken from {@code X-Forwarded-For} only across
 * configured trusted proxies
 * @param userAgent the caller's {@code User-Agent}, truncated and stripped of control
 * characters
 * @param startedAt when the foundation first saw the request
 * @param userId the authenticated user's id, once authentication has run
 * @param tenantId the resolved tenant's id, once tenancy has run
 */
public record RequestContext(String correlationId, @Nullable String traceId, @Nullable String clientIp,
		@Nullable String userAgent, Instant startedAt, @Nullable String userId, @Nullable String tenantId) {

	public RequestContext {
		Objects.requireNonNull(correlationId, "correlationId");
		Objects.requireNonNull(startedAt, "startedAt");
	}

	/**
	 * Creates a context for work that did not arrive as an HTTP request (a scheduled job,
	 * a message listener).
	 * @return a context with a fresh correlation id and no caller information
	 */
	public static RequestContext detached() {
		return new RequestContext(CorrelationIds.generate(), null, null, null, Instant.now(), null, null);
	}

	/**
	 * Returns a copy carrying the given user id.
	 * @param userId the authenticated user's id
	 * @return a new context
	 */
	public RequestContext withUserId(@Nullable String userId) {
		return new RequestContext(this.correlationId, this.traceId, this.clientIp, this.userAgent, this.startedAt,
				userId, this.tenantId);
	}

	/**
	 * Returns a copy carrying the given tenant id.
	 * @param tenantId the resolved tenant's id
	 * @return a new context
	 */
	public RequestContext withTenantId(@Nullable String tenantId) {
		return new RequestContext(this.correlationId, this.traceId, this.clientIp, this.userAgent, this.startedAt,
				this.userId, tenantId);
	}

}
