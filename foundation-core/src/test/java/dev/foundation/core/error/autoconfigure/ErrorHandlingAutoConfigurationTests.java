package dev.foundation.core.error.autoconfigure;

import dev.foundation.core.error.web.ProblemDetailErrorController;
import dev.foundation.core.error.web.ProblemDetailExceptionHandler;
import dev.foundation.core.error.tomcat.ProblemErrorReportValveCustomizer;
import dev.foundation.core.error.web.ProblemDetails;
import dev.foundation.core.error.web.ProblemResponseWriter;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorHandlingAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ErrorHandlingAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class));

	@Test
	void replacesBootsErrorControllerAndExceptionHandling() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ProblemDetails.class)
				.hasSingleBean(ProblemDetailExceptionHandler.class)
				.hasSingleBean(ProblemDetailErrorController.class)
				.hasSingleBean(ErrorController.class)
				.hasSingleBean(ResponseEntityExceptionHandler.class)
				.doesNotHaveBean(BasicErrorController.class);
		});
	}

	@Test
	void bootsProblemDetailsSupportBacksOffToTheFoundationsHandler() {
		this.contextRunner.withPropertyValues("spring.mvc.problemdetails.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(ResponseEntityExceptionHandler.class)
				.hasSingleBean(ProblemDetailExceptionHandler.class));
	}

	@Test
	void defaultTypeBaseUriIsTheFoundationsProblemsPage() {
		this.contextRunner.run((context) -> assertThat(typeOfNotFound(context.getBean(ProblemDetails.class)))
			.isEqualTo("https://foundation.dev/problems/not-found"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.example.com/problems/", "urn:example:problem:",
			"https://api.example.com/errors#" })
	void typeBaseUriIsConfigurable(String base) {
		this.contextRunner.withPropertyValues("foundation.errors.type-base-uri=" + base)
			.run((context) -> assertThat(typeOfNotFound(context.getBean(ProblemDetails.class)))
				.isEqualTo(base + "not-found"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "not a uri", "https://api.example.com/problems", "/relative/problems/",
			"https://api.example.com/pro blems/", "1http://x/" })
	void invalidTypeBaseUriFailsBindingValidation(String base) {
		this.contextRunner.withPropertyValues("foundation.errors.type-base-uri=" + base).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("typeBaseUri");
		});
	}

	@Test
	void disabledSwitchLeavesBootsErrorHandlingInPlace() {
		this.contextRunner.withPropertyValues("foundation.errors.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ProblemDetails.class)
				.doesNotHaveBean(ProblemDetailExceptionHandler.class)
				.doesNotHaveBean(ProblemDetailErrorController.class)
				.doesNotHaveBean(ErrorHandlingProperties.class)
				.hasSingleBean(BasicErrorController.class);
		});
	}

	@Test
	void doesNothingOutsideServletWebApplications() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ErrorHandlingAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ProblemDetails.class)
				.doesNotHaveBean(ProblemDetailExceptionHandler.class));
	}

	@Test
	void doesNothingWithoutSpringMvc() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ProblemDetails.class)
				.doesNotHaveBean(ProblemDetailExceptionHandler.class)
				.doesNotHaveBean(ProblemDetailErrorController.class));
	}

	@Test
	void handlerAndErrorControllerUseUsersProblemDetails() {
		ProblemDetails custom = new ProblemDetails("urn:custom:");
		this.contextRunner.withBean(ProblemDetails.class, () -> custom).run((context) -> {
			assertThat(context).hasSingleBean(ProblemDetails.class);
			assertThat(context.getBean(ProblemDetailExceptionHandler.class)).extracting("problemDetails")
				.isSameAs(custom);
			assertThat(context.getBean(ProblemDetailErrorController.class)).extracting("problemDetails")
				.isSameAs(custom);
		});
	}

	@Test
	void backsOffFromUsersExceptionHandler() {
		this.contextRunner.withBean(UserExceptionHandler.class, UserExceptionHandler::new)
			.run((context) -> assertThat(context).doesNotHaveBean(ProblemDetailExceptionHandler.class)
				.hasSingleBean(ResponseEntityExceptionHandler.class)
				.hasSingleBean(ProblemDetailErrorController.class));
	}

	@Test
	void backsOffFromUsersErrorController() {
		this.contextRunner.withBean(UserErrorController.class, UserErrorController::new)
			.run((context) -> assertThat(context).doesNotHaveBean(ProblemDetailErrorController.class)
				.doesNotHaveBean(BasicErrorController.class)
				.hasSingleBean(ErrorController.class)
				.hasSingleBean(ProblemDetailExceptionHandler.class));
	}

	@Test
	void problemsOutsideMvcAndTomcatsErrorsAreWrittenByTheSameWriter() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ProblemResponseWriter.class)
			.hasSingleBean(ProblemErrorReportValveCustomizer.class));
	}

	@Test
	void containerErrorsCanBeLeftToTomcat() {
		this.contextRunner.withPropertyValues("foundation.errors.render-container-errors=false")
			.run((context) -> assertThat(context).hasSingleBean(ProblemResponseWriter.class)
				.doesNotHaveBean(ProblemErrorReportValveCustomizer.class));
	}

	@Test
	void containerErrorsNeedTomcat() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Tomcat.class))
			.run((context) -> assertThat(context).hasSingleBean(ProblemResponseWriter.class)
				.doesNotHaveBean(ProblemErrorReportValveCustomizer.class));
	}

	@Test
	void backsOffFromUsersProblemResponseWriter() {
		ProblemResponseWriter custom = new ProblemResponseWriter(new ProblemDetails("urn:custom:"),
				new JacksonJsonHttpMessageConverter());
		this.contextRunner.withBean(ProblemResponseWriter.class, () -> custom)
			.run((context) -> assertThat(context.getBean(ProblemResponseWriter.class)).isSameAs(custom));
	}

	private static String typeOfNotFound(ProblemDetails problemDetails) {
		return String
			.valueOf(problemDetails.create("not-found", HttpStatus.NOT_FOUND, "Not found", "gone", "/x").getType());
	}

	static class UserExceptionHandler extends ResponseEntityExceptionHandler {

	}

	static class UserErrorController implements ErrorController {

	}

}
