package dev.foundation.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test's application context at the shared {@link TestPostgres} and
 * {@link TestRedis}: the one annotation a {@code @SpringBootTest} class needs for a real
 * database and Redis.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;WithTestServices(database = "orders", applicationRole = true)
 * class OrderIntegrationTests {
 *     // spring.datasource.*, spring.data.redis.*, spring.flyway.user/password are set
 * }
 * </pre>
 *
 * It sets what {@link FoundationTestServices#register} or, with
 * {@link #applicationRole()}, {@link FoundationTestServices#registerWithApplicationRole}
 * registers, in a property source that overrides the application's configuration but not
 * the test's own properties ({@code @SpringBootTest(properties = ...)},
 * {@code @TestPropertySource}). Test classes with equal attributes (and otherwise equal
 * configuration) share one cached application context and one database. Found on
 * superclasses, enclosing classes of {@code @Nested} tests and meta-annotations.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithTestServices {

	/**
	 * The prefix of the database's name: one database per prefix and JVM, created on
	 * first use.
	 * @return the prefix
	 */
	String database() default FoundationTestServices.DEFAULT_DATABASE_PREFIX;

	/**
	 * Whether the application connects as a login role of its own (neither superuser nor
	 * owner, so row-level security applies to it), while Flyway and the foundation's
	 * migration run as the server's user.
	 * @return whether to connect as an application role
	 */
	boolean applicationRole() default false;

}
