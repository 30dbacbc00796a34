package dev.foundation.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a tenant to the thread around each test method of a Spring test, as the
 * foundation binds the resolved tenant around a request:
 * {@code RequestContexts.current().tenantId()} (foundation-core) and
 * {@code TenantScope.currentTenant()} (foundation-tenancy) return it, and what the test
 * had bound before is restored afterwards.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;WithTestServices(applicationRole = true)
 * &#64;Transactional
 * &#64;WithTenant("0190b7e4-4a1f-7c3e-8d2b-6f1a2c3d4e5f")
 * class ContactRepositoryIntegrationTests {
 *
 *     &#64;Test
 *     void findsOnlyTheTenantsContacts() { ... }
 *
 *     &#64;Test
 *     &#64;WithTenant("0190b7e4-4a1f-7c3e-8d2b-000000000002")   // the method's annotation wins
 *     void anotherTenantSeesNone() { ... }
 *
 * }
 * </pre>
 *
 * The tenant is bound before the test-managed transaction begins and unbound after it
 * ends ({@link WithTenantTestExecutionListener} runs before Spring's
 * {@code TransactionalTestExecutionListener}), because foundation-tenancy binds the
 * tenant to the database when a transaction begins. {@code @BeforeEach} and
 * {@code @AfterEach} methods see the tenant too. A context already bound (say by an
 * enclosing scope) keeps its other fields; only the tenant id changes.
 * <p>
 * Needs foundation-core on the test's classpath and a test run by Spring's TestContext
 * framework ({@code @SpringBootTest}, {@code @SpringJUnitConfig},
 * {@code @ExtendWith(SpringExtension.class)}).
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithTenant {

	/**
	 * The tenant id, as the request context carries it; with foundation-tenancy the
	 * tenant's UUID.
	 * @return the tenant id
	 */
	String value();

}
