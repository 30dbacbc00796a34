package dev.foundation.test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Binds a tenant through foundation-core's {@code RequestContexts}, which this module
 * cannot name at compile time: foundation-core's own tests depend on this module, so a
 * dependency on foundation-core would be a cycle.
 * <p>
 * It calls what {@code TenantScope.call} does: {@code RequestContexts.find()}, else
 * {@code RequestContext.detached()}; {@code withTenantId(String)};
 * {@code RequestContexts.bind(context)}, whose scope restores the previous context when
 * closed. Those are public API of foundation-core; a test in foundation-tenancy fails if
 * they change.
 */
final class RequestContextBinding {

	static final String REQUEST_CONTEXTS = "dev.foundation.core.context.RequestContexts";

	static final String REQUEST_CONTEXT = "dev.foundation.core.context.RequestContext";

	private RequestContextBinding() {
	}

	/**
	 * Binds the current context (or a detached one) with this tenant id to the current
	 * thread.
	 * @param tenantId the tenant id
	 * @param classLoader the loader that sees foundation-core, e.g. the test class's
	 * @return the binding; closing it restores what was bound before
	 * @throws IllegalStateException if foundation-core is not on the classpath or refuses
	 * the binding
	 */
	static AutoCloseable bindTenant(String tenantId, ClassLoader classLoader) {
		Class<?> contexts;
		Class<?> contextType;
		try {
			contexts = Class.forName(REQUEST_CONTEXTS, true, classLoader);
			contextType = Class.forName(REQUEST_CONTEXT, true, classLoader);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("@WithTenant binds the tenant in foundation-core's request context, but "
					+ REQUEST_CONTEXTS + " is not on the test classpath: add a dependency on foundation-core "
					+ "(or foundation-starter)", ex);
		}
		try {
			Optional<?> current = (Optional<?>) invoke(contexts.getMethod("find"), null);
			Object base = current.isPresent() ? current.get() : invoke(contextType.getMethod("detached"), null);
			Object withTenant = invoke(contextType.getMethod("withTenantId", String.class), base, tenantId);
			return (AutoCloseable) invoke(contexts.getMethod("bind", contextType), null, withTenant);
		}
		catch (NoSuchMethodException | ClassCastException ex) {
			throw new IllegalStateException(
					"@WithTenant does not match this version of foundation-core's " + REQUEST_CONTEXTS + ": " + ex, ex);
		}
	}

	private static Object invoke(Method method, @Nullable Object target, Object... arguments) {
		try {
			return method.invoke(target, arguments);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("@WithTenant could not bind the tenant: " + cause, cause);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("@WithTenant could not bind the tenant: " + ex, ex);
		}
	}

}
