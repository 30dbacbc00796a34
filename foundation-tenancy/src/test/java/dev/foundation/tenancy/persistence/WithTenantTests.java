package dev.foundation.tenancy.persistence;

import java.lang.reflect.Method;
import java.util.UUID;

import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContexts;
import dev.foundation.test.WithTenant;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * foundation-test's {@link WithTenant @WithTenant} against the real
 * {@link RequestContexts} and {@link TenantScope}: the tenant is seen during the test and
 * gone after it.
 */
@SpringJUnitConfig(WithTenantTests.Empty.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WithTenantTests {

	static final String TENANT = "0190b7e4-4a1f-7c3e-8d2b-6f1a2c3d4e5f";

	static final String FIXTURE_TENANT = "0190b7e4-4a1f-7c3e-8d2b-00000000000f";

	@Test
	@Order(1)
	@WithTenant(TENANT)
	void boundTenantIsSeenByTheRequestContextAndTenantScope() {
		assertThat(RequestContexts.current().tenantId()).isEqualTo(TENANT);
		assertThat(TenantScope.currentTenant()).hasValue(UUID.fromString(TENANT));
	}

	@Test
	@Order(2)
	void tenantOfThePreviousTestIsGone() {
		assertThat(RequestContexts.find()).isEmpty();
		assertThat(TenantScope.currentTenant()).isEmpty();
	}

	@Test
	@Order(3)
	void bindingEndsWithItsTestAndRestoresWhatWasBoundBefore() throws Exception {
		TestContextManager manager = new TestContextManager(Fixture.class);
		Fixture fixture = new Fixture();
		Method test = ReflectionUtils.findMethod(Fixture.class, "test");
		RequestContext outer = RequestContext.detached().withUserId("user-1");
		try (RequestContexts.Scope scope = RequestContexts.bind(outer)) {
			manager.beforeTestMethod(fixture, test);
			RequestContext during = RequestContexts.current();
			assertThat(during.tenantId()).isEqualTo(FIXTURE_TENANT);
			assertThat(during.userId()).isEqualTo("user-1");
			assertThat(during.correlationId()).isEqualTo(outer.correlationId());
			manager.afterTestMethod(fixture, test, null);
			assertThat(RequestContexts.current()).isSameAs(outer);
		}
		assertThat(RequestContexts.find()).isEmpty();
	}

	@SpringJUnitConfig(Empty.class)
	@WithTenant(FIXTURE_TENANT)
	static class Fixture {

		void test() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
