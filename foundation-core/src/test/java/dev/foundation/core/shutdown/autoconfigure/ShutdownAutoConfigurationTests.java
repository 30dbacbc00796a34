package dev.foundation.core.shutdown.autoconfigure;

import dev.foundation.core.error.autoconfigure.ErrorHandlingAutoConfiguration;
import dev.foundation.core.shutdown.ShutdownGate;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

class ShutdownAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, ErrorHandlingAutoConfiguration.class,
				ShutdownAutoConfiguration.class));

	@Test
	void rejectsRequestsOnceTheGateClosedAndPassesThemBefore() {
		this.contextRunner.run((context) -> {
			ShutdownGate gate = context.getBean(ShutdownGate.class);
			FilterRegistrationBean<?> registration = context.getBean("shutdownRejectionFilterRegistration",
					FilterRegistrationBean.class);
			MockHttpServletResponse before = new MockHttpServletResponse();
			MockFilterChain passed = new MockFilterChain();
			registration.getFilter().doFilter(new MockHttpServletRequest("GET", "/api/x"), before, passed);
			assertThat(passed.getRequest()).isNotNull();
			gate.start();
			gate.stop();
			assertThat(gate.isClosed()).isTrue();
			MockHttpServletResponse after = new MockHttpServletResponse();
			MockFilterChain stopped = new MockFilterChain();
			registration.getFilter().doFilter(new MockHttpServletRequest("GET", "/api/x"), after, stopped);
			assertThat(stopped.getRequest()).isNull();
			assertThat(after.getStatus()).isEqualTo(503);
			assertThat(after.getHeader("Retry-After")).isEqualTo("1");
			assertThat(after.getHeader("Connection")).isEqualTo("close");
			assertThat(after.getContentAsString()).contains("service-unavailable").contains("\"service\":\"instance\"");
		});
	}

	@Test
	void gateStopsJustBeforeTheServersGracefulShutdown() {
		this.contextRunner.run((context) -> assertThat(context.getBean(ShutdownGate.class).getPhase()).isGreaterThan(
				org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE));
	}

	@Test
	void retryAfterFollowsTheProperty() {
		this.contextRunner.withPropertyValues("foundation.shutdown.retry-after=5s").run((context) -> {
			ShutdownGate gate = context.getBean(ShutdownGate.class);
			gate.stop();
			MockHttpServletResponse response = new MockHttpServletResponse();
			context.getBean("shutdownRejectionFilterRegistration", FilterRegistrationBean.class)
				.getFilter()
				.doFilter(new MockHttpServletRequest("GET", "/"), response, new MockFilterChain());
			assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		});
	}

	@Test
	void disabledSwitchAddsNothing() {
		this.contextRunner.withPropertyValues("foundation.shutdown.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ShutdownGate.class)
				.doesNotHaveBean("shutdownRejectionFilterRegistration"));
	}

}
