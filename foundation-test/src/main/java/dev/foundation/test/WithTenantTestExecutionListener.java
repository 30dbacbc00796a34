package dev.foundation.test;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Conventions;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Binds the tenant of {@link WithTenant @WithTenant} before each test method and restores
 * the previous context after it. Registered in {@code META-INF/spring.factories}, so
 * every Spring test gets it unless the test class declares
 * {@code @TestExecutionListeners} without {@code mergeMode = MERGE_WITH_DEFAULTS}; then
 * list this class there.
 */
public class WithTenantTestExecutionListener extends AbstractTestExecutionListener {

	/**
	 * This listener's order: before Spring's {@code TransactionalTestExecutionListener}
	 * (4000), so the tenant is bound when the test-managed transaction begins and still
	 * bound when it ends.
	 */
	public static final int ORDER = 3900;

	private static final String BINDING = Conventions.getQualifiedAttributeName(WithTenantTestExecutionListener.class,
			"binding");

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		WithTenant withTenant = find(testContext.getTestClass(), testContext.getTestMethod());
		if (withTenant == null) {
			return;
		}
		if (withTenant.value().isBlank()) {
			throw new IllegalStateException("@WithTenant on " + testContext.getTestClass().getName() + "."
					+ testContext.getTestMethod().getName() + " names no tenant: give it a tenant id");
		}
		AutoCloseable binding = RequestContextBinding.bindTenant(withTenant.value(),
				testContext.getTestClass().getClassLoader());
		testContext.setAttribute(BINDING, binding);
	}

	@Override
	public void afterTestMethod(TestContext testContext) throws Exception {
		Object binding = testContext.removeAttribute(BINDING);
		if (binding instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	/**
	 * The method's annotation wins over the class's (and its superclasses' and enclosing
	 * classes').
	 */
	static @Nullable WithTenant find(Class<?> testClass, Method testMethod) {
		WithTenant onMethod = AnnotatedElementUtils.findMergedAnnotation(testMethod, WithTenant.class);
		return (onMethod != null) ? onMethod
				: TestContextAnnotationUtils.findMergedAnnotation(testClass, WithTenant.class);
	}

}
