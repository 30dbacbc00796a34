package dev.foundation.test;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.transaction.TransactionalTestExecutionListener;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;

/**
 * Which {@link WithTenant @WithTenant} applies, and the listener's failures. That the
 * tenant is really bound and unbound is tested where foundation-core is on the classpath
 * (foundation-tenancy's {@code WithTenantTests}).
 */
class WithTenantTestExecutionListenerTests {

	@Test
	void methodAnnotationWinsOverTheClasses() {
		assertThat(WithTenantTestExecutionListener.find(Annotated.class, method(Annotated.class, "overridden")).value())
			.isEqualTo("method-tenant");
	}

	@Test
	void classAnnotationAppliesToEveryMethod() {
		assertThat(WithTenantTestExecutionListener.find(Annotated.class, method(Annotated.class, "plain")).value())
			.isEqualTo("class-tenant");
	}

	@Test
	void enclosingClassesAnnotationAppliesToNestedTests() {
		assertThat(WithTenantTestExecutionListener.find(Annotated.Inner.class, method(Annotated.Inner.class, "inner"))
			.value()).isEqualTo("class-tenant");
	}

	@Test
	void noAnnotationBindsNothing() {
		assertThat(WithTenantTestExecutionListener.find(Plain.class, method(Plain.class, "plain"))).isNull();
	}

	@Test
	void runsBeforeTheTestManagedTransactionBegins() {
		assertThat(new WithTenantTestExecutionListener().getOrder())
			.isLessThan(new TransactionalTestExecutionListener().getOrder());
	}

	@Test
	void blankTenantFailsTheTestInsteadOfRunningWithoutOne() {
		TestContext context = mock(TestContext.class);
		doReturn(Blank.class).when(context).getTestClass();
		given(context.getTestMethod()).willReturn(method(Blank.class, "plain"));
		assertThatIllegalStateException()
			.isThrownBy(() -> new WithTenantTestExecutionListener().beforeTestMethod(context))
			.withMessageContaining("names no tenant");
	}

	@Test
	void withoutFoundationCoreTheFailureSaysWhatToAdd() {
		// This module's own test classpath has no foundation-core.
		assertThatIllegalStateException()
			.isThrownBy(() -> RequestContextBinding.bindTenant("acme", getClass().getClassLoader()))
			.withMessageContaining("add a dependency on foundation-core");
	}

	private static Method method(Class<?> type, String name) {
		Method method = ReflectionUtils.findMethod(type, name);
		assertThat(method).isNotNull();
		return method;
	}

	@WithTenant("class-tenant")
	static class Annotated {

		void plain() {
		}

		@WithTenant("method-tenant")
		void overridden() {
		}

		@Nested
		class Inner {

			void inner() {
			}

		}

	}

	static class Plain {

		void plain() {
		}

	}

	@WithTenant(" ")
	static class Blank {

		void plain() {
		}

	}

}
