package dev.foundation.core.ratelimit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits how often a Spring MVC handler method (or every handler of a controller) may be
 * called, counted across all instances in Redis. Checked by the same interceptor as the
 * {@code foundation.rate-limit.rules}; a malformed {@link #limit()} stops startup.
 * <pre class="code">
 * &#64;RateLimit(limit = "10/1m", per = RateLimitKey.USER)
 * &#64;PostMapping("/api/v1/exports")
 * Export export() { … }
 * </pre>
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RateLimit {

	/**
	 * How many requests per period, e.g. {@code 100/1m}, {@code 5/s}, {@code 1000/1h}.
	 * @return the limit
	 */
	String limit();

	/**
	 * What the limit counts by; several parts make one bucket per combination.
	 * @return the key parts
	 */
	RateLimitKey[] per() default RateLimitKey.USER;

	/**
	 * How many requests may arrive at once; {@code 0} means the limit's count.
	 * @return the bucket's capacity
	 */
	long burst() default 0;

	/**
	 * Whether requests are rejected (503) while Redis cannot count them; by default they
	 * are let through.
	 * @return whether the limit fails closed
	 */
	boolean failClosed() default false;

	/**
	 * The policy's name in the {@code RateLimit} headers and metrics; by default
	 * {@code ClassName.method}.
	 * @return the name
	 */
	String name() default "";

}
