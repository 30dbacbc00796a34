package dev.foundation.core.context.autoconfigure;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.context.ClientIpResolver;
import dev.foundation.core.context.RequestContext;
import dev.foundation.core.context.RequestContextFilter;
import dev.foundation.core.context.RequestContexts;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

class RequestContextAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RequestContextAutoConfiguration.class));

	@Test
	void registersFilterFirstForRequestErrorAndAsyncDispatches() {
		this.contextRunner.run((context) -> {
			FilterRegistrationBean<?> registration = registration(context);
			assertThat(registration.getFilter()).isInstanceOf(RequestContextFilter.class);
			assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
			assertThat(registration).extracting("dispatcherTypes")
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE)
				.containsExactlyInAnyOrder(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
		});
	}

	@Test
	void defaultsEchoXRequestIdOfUpTo64CharactersAndTrustNoProxy() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ClientIpResolver.class)
				.hasSingleBean(ContextPropagatingTaskDecorator.class)
				.hasBean("correlationIdRestClientCustomizer");
			RequestContextProperties properties = context.getBean(RequestContextProperties.class);
			assertThat(properties.getRequestIdHeader()).isEqualTo("X-Request-Id");
			assertThat(properties.getMaxRequestIdLength()).isEqualTo(64);
			assertThat(properties.getTrustedProxies()).isEmpty();

			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
			request.addHeader("X-Request-Id", "a".repeat(64));
			request.setRemoteAddr("10.0.0.1");
			request.addHeader("X-Forwarded-For", "203.0.113.7");
			Served served = serve(context, request);
			assertThat(served.context().correlationId()).isEqualTo("a".repeat(64));
			assertThat(served.response().getHeader("X-Request-Id")).isEqualTo("a".repeat(64));
			assertThat(served.context().clientIp()).isEqualTo("10.0.0.1");

			MockHttpServletRequest overlong = new MockHttpServletRequest("GET", "/");
			overlong.addHeader("X-Request-Id", "a".repeat(65));
			assertThat(serve(context, overlong).context().correlationId()).isNotEqualTo("a".repeat(65));
		});
	}

	@Test
	void requestIdHeaderIsConfigurable() {
		this.contextRunner.withPropertyValues("foundation.context.request-id-header=X-Correlation-Id")
			.run((context) -> {
				MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
				request.addHeader("X-Correlation-Id", "from-caller");
				request.addHeader("X-Request-Id", "ignored");
				Served served = serve(context, request);
				assertThat(served.context().correlationId()).isEqualTo("from-caller");
				assertThat(served.response().getHeader("X-Correlation-Id")).isEqualTo("from-caller");
				assertThat(served.response().getHeader("X-Request-Id")).isNull();
			});
	}

	@Test
	void maxRequestIdLengthIsConfigurable() {
		this.contextRunner.withPropertyValues("foundation.context.max-request-id-length=10").run((context) -> {
			MockHttpServletRequest accepted = new MockHttpServletRequest("GET", "/");
			accepted.addHeader("X-Request-Id", "0123456789");
			assertThat(serve(context, accepted).context().correlationId()).isEqualTo("0123456789");
			MockHttpServletRequest rejected = new MockHttpServletRequest("GET", "/");
			rejected.addHeader("X-Request-Id", "0123456789a");
			String generated = serve(context, rejected).context().correlationId();
			assertThat(UUID.fromString(generated)).hasToString(generated);
		});
	}

	@Test
	void trustedProxiesAreConfigurable() {
		this.contextRunner.withPropertyValues("foundation.context.trusted-proxies=10.0.0.0/8,2001:db8::/32")
			.run((context) -> {
				ClientIpResolver resolver = context.getBean(ClientIpResolver.class);
				assertThat(resolver.resolve("10.1.1.1", "203.0.113.7")).isEqualTo("203.0.113.7");
				assertThat(resolver.resolve("2001:db8::1", "203.0.113.8")).isEqualTo("203.0.113.8");
				assertThat(resolver.resolve("198.51.100.1", "203.0.113.7")).isEqualTo("198.51.100.1");
				MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
				request.setRemoteAddr("10.0.0.1");
				request.addHeader("X-Forwarded-For", "203.0.113.7");
				assertThat(serve(context, request).context().clientIp()).isEqualTo("203.0.113.7");
			});
	}

	@Test
	void requestLoggingIsOnByDefaultAndCanBeSwitchedOff() {
		this.contextRunner
			.run((context) -> assertThat(registration(context).getFilter()).extracting("logRequests").isEqualTo(true));
		this.contextRunner.withPropertyValues("foundation.context.log-requests=false")
			.run((context) -> assertThat(registration(context).getFilter()).extracting("logRequests").isEqualTo(false));
	}

	@Test
	void healthProbesAreQuietByDefaultAndQuietPathsAreConfigurable() {
		this.contextRunner.run((context) -> assertThat(registration(context).getFilter())
			.extracting("quietPaths", InstanceOfAssertFactories.LIST)
			.extracting(Object::toString)
			.containsExactly("/actuator/health", "/actuator/health/**", "/api/v1/public/health",
					"/api/v1/public/health/**"));
		this.contextRunner.withPropertyValues("foundation.context.quiet-paths=/ping")
			.run((context) -> assertThat(registration(context).getFilter())
				.extracting("quietPaths", InstanceOfAssertFactories.LIST)
				.extracting(Object::toString)
				.containsExactly("/ping"));
	}

	@Test
	void invalidQuietPathFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("foundation.context.quiet-paths=/a/**/b/{x").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidFoundationPropertyException.class)
				.extracting("property")
				.isEqualTo("foundation.context.quiet-paths");
		});
	}

	@Test
	void invalidTrustedProxyFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("foundation.context.trusted-proxies=10.0.0.0/8,not-an-ip")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidFoundationPropertyException.class)
					.hasMessageContaining("foundation.context.trusted-proxies")
					.hasMessageContaining("not-an-ip")
					.extracting("property")
					.isEqualTo("foundation.context.trusted-proxies");
			});
	}

	@Test
	void tooShortMaxRequestIdLengthFailsBindingValidation() {
		this.contextRunner.withPropertyValues("foundation.context.max-request-id-length=3")
			.run((context) -> assertBindingFailure(context, "maxRequestIdLength"));
	}

	@Test
	void tooLongMaxRequestIdLengthFailsBindingValidation() {
		this.contextRunner.withPropertyValues("foundation.context.max-request-id-length=1000")
			.run((context) -> assertBindingFailure(context, "maxRequestIdLength"));
	}

	@Test
	void blankRequestIdHeaderFailsBindingValidation() {
		this.contextRunner.withPropertyValues("foundation.context.request-id-header= ")
			.run((context) -> assertBindingFailure(context, "requestIdHeader"));
	}

	@Test
	void disabledSwitchRemovesEverything() {
		this.contextRunner.withPropertyValues("foundation.context.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ClientIpResolver.class)
				.doesNotHaveBean(ContextPropagatingTaskDecorator.class)
				.doesNotHaveBean(RequestContextProperties.class)
				.doesNotHaveBean("requestContextFilterRegistration")
				.doesNotHaveBean("correlationIdRestClientCustomizer");
		});
	}

	@Test
	void outboundPropagationCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("foundation.context.propagate-to-outbound-calls=false")
			.run((context) -> assertThat(context).doesNotHaveBean("correlationIdRestClientCustomizer")
				.hasBean("requestContextFilterRegistration"));
	}

	@Test
	void restClientCustomizerAddsConfiguredHeaderToOutboundCalls() {
		this.contextRunner.withPropertyValues("foundation.context.request-id-header=X-Correlation-Id")
			.run((context) -> {
				RestClientCustomizer customizer = context.getBean("correlationIdRestClientCustomizer",
						RestClientCustomizer.class);
				RestClient.Builder builder = RestClient.builder();
				MockRestServiceServer server = MockRestServiceServer.bindTo(builder).build();
				customizer.customize(builder);
				server.expect(header("X-Correlation-Id", "corr-9")).andRespond(withSuccess());
				RequestContext bound = RequestContext.detached();
				bound = new RequestContext("corr-9", null, null, null, bound.startedAt(), null, null);
				try (RequestContexts.Scope scope = RequestContexts.bind(bound)) {
					builder.build().get().uri("http://service.test/").retrieve().toBodilessEntity();
				}
				server.verify();
			});
	}

	@Test
	void noRestClientCustomizerWithoutBootsRestClientSupport() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RestClientCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean("correlationIdRestClientCustomizer")
				.hasBean("requestContextFilterRegistration"));
	}

	@Test
	void noFilterOutsideServletWebApplications() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RequestContextAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("requestContextFilterRegistration")
				.hasSingleBean(ClientIpResolver.class)
				.hasSingleBean(ContextPropagatingTaskDecorator.class));
	}

	@Test
	void backsOffFromUsersTaskDecorator() {
		this.contextRunner.withBean("userTaskDecorator", TaskDecorator.class, () -> (runnable) -> runnable)
			.run((context) -> assertThat(context).doesNotHaveBean(ContextPropagatingTaskDecorator.class)
				.hasSingleBean(TaskDecorator.class)
				.hasBean("userTaskDecorator"));
	}

	@Test
	void backsOffFromUsersClientIpResolverAndFilterUsesIt() {
		ClientIpResolver custom = new ClientIpResolver(List.of("0.0.0.0/0"));
		this.contextRunner.withBean(ClientIpResolver.class, () -> custom)
			.withPropertyValues("foundation.context.trusted-proxies=not-an-ip")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ClientIpResolver.class)).isSameAs(custom);
				MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
				request.setRemoteAddr("198.51.100.1");
				request.addHeader("X-Forwarded-For", "203.0.113.7");
				assertThat(serve(context, request).context().clientIp()).isEqualTo("203.0.113.7");
			});
	}

	@Test
	void backsOffFromUsersFilterRegistration() {
		this.contextRunner
			.withBean("requestContextFilterRegistration", FilterRegistrationBean.class,
					() -> new FilterRegistrationBean<>(
							new RequestContextFilter("X-Trace", 8, new ClientIpResolver(List.of()))))
			.run((context) -> {
				RequestContextFilter filter = (RequestContextFilter) registration(context).getFilter();
				MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
				MockHttpServletResponse response = new MockHttpServletResponse();
				filter.doFilter(request, response, new MockFilterChain());
				assertThat(response.getHeader("X-Trace")).isNotNull();
				assertThat(response.getHeader("X-Request-Id")).isNull();
			});
	}

	@Test
	void backsOffFromUsersRestClientCustomizer() {
		RestClientCustomizer custom = (builder) -> {
		};
		this.contextRunner.withBean("correlationIdRestClientCustomizer", RestClientCustomizer.class, () -> custom)
			.run((context) -> assertThat(context.getBean("correlationIdRestClientCustomizer")).isSameAs(custom));
	}

	@Test
	void applicationTaskExecutorPropagatesRequestContext() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RequestContextAutoConfiguration.class, TaskExecutionAutoConfiguration.class))
			.run((context) -> {
				ThreadPoolTaskExecutor executor = context.getBean("applicationTaskExecutor",
						ThreadPoolTaskExecutor.class);
				RequestContext bound = RequestContext.detached();
				String seen;
				try (RequestContexts.Scope scope = RequestContexts.bind(bound)) {
					seen = executor.submit(() -> RequestContexts.current().correlationId()).get(10, TimeUnit.SECONDS);
				}
				assertThat(seen).isEqualTo(bound.correlationId());
			});
	}

	private static void assertBindingFailure(AssertableWebApplicationContext context, String field) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).hasCauseInstanceOf(ConfigurationPropertiesBindException.class)
			.rootCause()
			.isInstanceOf(BindValidationException.class)
			.hasMessageContaining("foundation.context")
			.hasMessageContaining(field);
	}

	private static FilterRegistrationBean<?> registration(AssertableWebApplicationContext context) {
		return context.getBean("requestContextFilterRegistration", FilterRegistrationBean.class);
	}

	private static Served serve(AssertableWebApplicationContext context, HttpServletRequest request) throws Exception {
		RequestContextFilter filter = (RequestContextFilter) registration(context).getFilter();
		MockHttpServletResponse response = new MockHttpServletResponse();
		RequestContext[] seen = new RequestContext[1];
		filter.doFilter(request, response, (req, res) -> seen[0] = RequestContexts.current());
		return new Served(seen[0], response);
	}

	private record Served(RequestContext context, MockHttpServletResponse response) {
	}

}
