package dev.foundation.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records an audit event for every call of the annotated method: {@code success} when it
 * returns (written in the running transaction, so it commits or rolls back with it), or
 * {@code failure} with the exception's class name when it throws or its transaction rolls
 * back (written in a transaction of its own, so the rollback cannot erase it). Actor,
 * tenant, correlation id, client address and user agent come from the request context,
 * also on {@code @Async} threads (the context travels with the task).
 *
 * <pre class="code">
 * &#64;Audited(action = "contact.update", resource = "contact", resourceId = "#id")
 * &#64;Transactional
 * public Contact update(UUID id, ContactChange change) { ... }
 * </pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Audited {

	/**
	 * What was done, dotted lowercase.
	 * @return the action
	 */
	String action();

	/**
	 * The kind of resource acted on.
	 * @return the resource type, empty for none
	 */
	String resource() default "";

	/**
	 * A SpEL expression for the resource's id over the method's parameters ({@code #id},
	 * {@code #contact.id()}) and, on success, its result ({@code #result.id()}). Empty:
	 * the parameter named {@code id}, if there is one.
	 * @return the expression
	 */
	String resourceId() default "";

}
