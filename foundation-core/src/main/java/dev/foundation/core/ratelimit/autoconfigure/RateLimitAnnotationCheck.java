package dev.foundation.core.ratelimit.autoconfigure;

import java.util.Map;

import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.ratelimit.web.RateLimitInterceptor;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Parses every handler's {@code @RateLimit} once the handler mappings are known, so a
 * malformed limit stops startup instead of failing the first request.
 */
final class RateLimitAnnotationCheck implements SmartInitializingSingleton {

	private final ListableBeanFactory beans;

	RateLimitAnnotationCheck(ListableBeanFactory beans) {
		this.beans = beans;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (RequestMappingHandlerMapping mapping : this.beans.getBeansOfType(RequestMappingHandlerMapping.class)
			.values()) {
			for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : mapping.getHandlerMethods().entrySet()) {
				try {
					RateLimitInterceptor.annotatedPolicy(handler.getValue());
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidFoundationPropertyException(
							"@RateLimit on " + handler.getValue().getShortLogMessage(), String.valueOf(ex.getMessage()),
							"Write the limit as requests/period, such as 100/1m, 5/s or 1000/1h.");
				}
			}
		}
	}

}
