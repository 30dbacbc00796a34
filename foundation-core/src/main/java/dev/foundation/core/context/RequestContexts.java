package dev.foundation.core.context;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Access to the {@link RequestContext} bound to the current thread.
 * <p>
 * Binding a context also writes its ids to the SLF4J {@link MDC} (keys
 * {@value #MDC_CORRELATION_ID}, {@value #MDC_TRACE_ID}, {@value #MDC_USER_ID},
 * {@value #MDC_TENANT_ID}), so every log line carries them; closing the returned
 * {@link Scope} restores what was bound before, MDC included. Contexts reach
 * {@code @Async} methods and executor tasks through Micrometer's context-propagation (see
 * {@link RequestContextThreadLocalAccessor}).
 */
public final class RequestContexts {

	/** MDC key of the correlation id. */
	public static final String MDC_CORRELATION_ID = "correlation_id";

	/** MDC key of the W3C trace id. */
	public static final String MDC_TRACE_ID = "trace_id";

	/** MDC key of the authenticated user's id. */
	public static final String MDC_USER_ID = "user_id";

	/** MDC key of the resolved tenant's id. */
	public static final String MDC_TENANT_ID = "tenant_id";

	private static final ThreadLocal<@Nullable RequestContext> CURRENT = new ThreadLocal<>();

	private RequestContexts() {
	}

	/**
	 * Returns the context bound to this thread, if any.
	 * @return the context
	 */
	public static Optional<RequestContext> find() {
		return Optional.ofNullable(CURRENT.get());
	}

	/**
	 * Returns the context bound to this thread.
	 * @return the context
	 * @throws IllegalStateException when no context is bound (code running outside a
	 * request without one)
	 */
	public static RequestContext current() {
		RequestContext context = CURRENT.get();
		if (context == null) {
			throw new IllegalStateException("No RequestContext is bound to thread '" + Thread.currentThread().getName()
					+ "'; bind one with RequestContexts.bind(RequestContext.detached()) for work outside a request");
		}
		return context;
	}

	/**
	 * Binds a context to this thread until the returned scope is closed.
	 * @param context the context to bind
	 * @return a scope that restores the previously bound context (or none) when closed
	 */
	public static Scope bind(RequestContext context) {
		RequestContext previous = CURRENT.get();
		set(context);
		return () -> set(previous);
	}

	/**
	 * Replaces the context bound to this thread, e.g. with one that gained the user or
	 * tenant.
	 * @param context the new context
	 */
	public static void replace(RequestContext context) {
		set(context);
	}

	static void set(@Nullable RequestContext context) {
		if (context == null) {
			CURRENT.remove();
			MDC.remove(MDC_CORRELATION_ID);
			MDC.remove(MDC_TRACE_ID);
			MDC.remove(MDC_USER_ID);
			MDC.remove(MDC_TENANT_ID);
			return;
		}
		CURRENT.set(context);
		MDC.put(MDC_CORRELATION_ID, context.correlationId());
		putOrRemove(MDC_TRACE_ID, context.traceId());
		putOrRemove(MDC_USER_ID, context.userId());
		putOrRemove(MDC_TENANT_ID, context.tenantId());
	}

	private static void putOrRemove(String key, @Nullable String value) {
		if (value == null) {
			MDC.remove(key);
		}
		else {
			MDC.put(key, value);
		}
	}

	/** A binding that ends when closed. */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}
