package dev.foundation.tenancy.web;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.foundation.core.error.ForbiddenException;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.resolution.CurrentTenant;
import dev.foundation.tenancy.resolution.TenantRequiredException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link RequireTenantRole} before the controller runs. Its exceptions reach the
 * foundation's exception handler, which answers with problem+json.
 */
public final class RequireTenantRoleInterceptor implements HandlerInterceptor {

	// Looking annotations up is a tenth of the interceptor's work per request; the answer
	// never changes per method.
	// Keyed by the bean type too: an inherited method may sit under controllers annotated
	// differently.
	private final Map<Handler, Optional<RequireTenantRole>> requiredRoles = new ConcurrentHashMap<>();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		RequireTenantRole required = this.requiredRoles
			.computeIfAbsent(new Handler(method.getMethod(), method.getBeanType()),
					(key) -> Optional.ofNullable(requiredRole(method)))
			.orElse(null);
		if (required == null) {
			return true;
		}
		Membership membership = CurrentTenant.membership()
			.orElseThrow(() -> new TenantRequiredException("This endpoint acts in a tenant: use a token of an "
					+ "organization, or name one in the tenant header"));
		if (!membership.grants(required.value())) {
			throw new ForbiddenException("This needs the " + required.value().value() + " role in the tenant");
		}
		return true;
	}

	private static @Nullable RequireTenantRole requiredRole(HandlerMethod method) {
		RequireTenantRole onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(),
				RequireTenantRole.class);
		return (onMethod != null) ? onMethod
				: AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequireTenantRole.class);
	}

	private record Handler(Method method, Class<?> beanType) {
	}

}
