package dev.foundation.core.context;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Lets Micrometer's context-propagation carry the {@link RequestContext} (and with it the
 * MDC ids) to other threads: Spring's {@code ContextPropagatingTaskDecorator}, Reactor
 * and Micrometer all capture and restore it. Registered through
 * {@code META-INF/services/io.micrometer.context.ThreadLocalAccessor}.
 */
public final class RequestContextThreadLocalAccessor implements ThreadLocalAccessor<RequestContext> {

	/** The key under which the context is captured. */
	public static final String KEY = "foundation.request-context";

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public @Nullable RequestContext getValue() {
		return RequestContexts.find().orElse(null);
	}

	@Override
	public void setValue(RequestContext value) {
		RequestContexts.set(value);
	}

	@Override
	public void setValue() {
		RequestContexts.set(null);
	}

	@Override
	public void restore(RequestContext previousValue) {
		RequestContexts.set(previousValue);
	}

	@Override
	public void restore() {
		RequestContexts.set(null);
	}

}
