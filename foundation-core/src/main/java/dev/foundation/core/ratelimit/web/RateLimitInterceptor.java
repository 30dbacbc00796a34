package dev.foundation.core.ratelimit.web;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.foundation.core.error.ExternalServiceException;
import dev.foundation.core.error.RateLimitedException;
import dev.foundation.core.ratelimit.RateLimit;
import dev.foundation.core.ratelimit.RateLimitDecision;
import dev.foundation.core.ratelimit.RateLimitPolicy;
import dev.foundation.core.ratelimit.RateLimiter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.UrlPathHelper;

/**
 * Counts each request against the configured rules that match it and the
 * {@link RateLimit} of its handler, writes the {@code RateLimit} headers, and rejects it
 * with {@code 429} (problem+json, {@code Retry-After}) when a policy is exhausted, or
 * {@code 503} when a fail-closed policy cannot count because Redis failed.
 * <p>
 * An interceptor rather than a filter: it runs after authentication and tenant resolution
 * (so it can count per user and tenant) and knows the handler and its route pattern. Only
 * the request dispatch is counted, not the async or error dispatches that follow it.
 */
public final class RateLimitInterceptor implements HandlerInterceptor {

	private static final UrlPathHelper PATHS = UrlPathHelper.defaultInstance;

	private final RateLimiter limiter;

	private final List<RateLimitRule> rules;

	private final Consumer<RateLimitDecision> recorder;

	private final Map<Method, Optional<RateLimitPolicy>> annotated = new ConcurrentHashMap<>();

	/**
	 * Creates the interceptor.
	 * @param limiter counts requests
	 * @param rules the configured rules
	 * @param recorder told of every decision (metrics)
	 */
	public RateLimitInterceptor(RateLimiter limiter, List<RateLimitRule> rules, Consumer<RateLimitDecision> recorder) {
		this.limiter = limiter;
		this.rules = List.copyOf(rules);
		this.recorder = recorder;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getDispatcherType() != DispatcherType.REQUEST) {
			return true;
		}
		List<RateLimitPolicy> policies = policies(request, handler);
		if (policies.isEmpty()) {
			return true;
		}
		List<RateLimitDecision> decisions = new ArrayList<>(policies.size());
		for (RateLimitPolicy policy : policies) {
			RateLimitDecision decision = this.limiter.tryConsume(policy, RateLimitKeys.of(policy, request));
			this.recorder.accept(decision);
			decisions.add(decision);
		}
		RateLimitHeaders.write(decisions, response);
		for (RateLimitDecision decision : decisions) {
			if (!decision.allowed()) {
				throw rejection(decision);
			}
		}
		return true;
	}

	private static RuntimeException rejection(RateLimitDecision decision) {
		if (!decision.counted()) {
			return new ExternalServiceException("rate-limit", HttpStatus.SERVICE_UNAVAILABLE, null);
		}
		return new RateLimitedException(
				"The rate limit '" + decision.policy().name() + "' is exhausted; retry in "
						+ RateLimitHeaders.seconds(decision) + " s",
				Duration.ofSeconds(RateLimitHeaders.seconds(decision)));
	}

	private List<RateLimitPolicy> policies(HttpServletRequest request, Object handler) {
		List<RateLimitPolicy> policies = new ArrayList<>(2);
		if (!this.rules.isEmpty()) {
			PathContainer path = PathContainer.parsePath(PATHS.getPathWithinApplication(request));
			for (RateLimitRule rule : this.rules) {
				if (rule.matches(request.getMethod(), path)) {
					policies.add(rule.policy());
				}
			}
		}
		if (handler instanceof HandlerMethod method) {
			this.annotated.computeIfAbsent(method.getMethod(), (key) -> annotatedPolicy(method))
				.ifPresent(policies::add);
		}
		return policies;
	}

	/**
	 * The policy a handler method's (or its class's) {@link RateLimit} declares.
	 * @param method the handler method
	 * @return the policy, if annotated
	 * @throws IllegalArgumentException if the annotation's limit is malformed
	 */
	public static Optional<RateLimitPolicy> annotatedPolicy(HandlerMethod method) {
		RateLimit limit = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RateLimit.class);
		if (limit == null) {
			limit = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RateLimit.class);
		}
		if (limit == null) {
			return Optional.empty();
		}
		String name = limit.name().isEmpty() ? method.getBeanType().getSimpleName() + "." + method.getMethod().getName()
				: limit.name();
		return Optional
			.of(RateLimitPolicy.parse(name, limit.limit(), limit.burst(), List.of(limit.per()), limit.failClosed()));
	}

}
