package dev.foundation.core.error.autoconfigure;

import dev.foundation.core.error.web.ProblemDetailErrorController;
import dev.foundation.core.error.web.ProblemDetailExceptionHandler;
import dev.foundation.core.error.web.ProblemDetails;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problem+json for every error of a servlet application: the controller advice and the error controller. Runs
 * before Boot's error auto-configuration so that its whitelabel/JSON error controller backs off, and replaces Boot's
 * optional {@code ProblemDetailsExceptionHandler}.
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
		"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, ErrorController.class })
@ConditionalOnBooleanProperty(name = "foundation.errors.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ErrorHandlingProperties.class)
public final class ErrorHandlingAutoConfiguration {

	ErrorHandlingAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemDetails problemDetails(ErrorHandlingProperties properties) {
		return new ProblemDetails(properties.getTypeBaseUri());
	}

	@Bean
	@ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
	ProblemDetailExceptionHandler problemDetailExceptionHandler(ProblemDetails problemDetails) {
		return new ProblemDetailExceptionHandler(problemDetails);
	}

	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	ProblemDetailErrorController problemDetailErrorController(ProblemDetails problemDetails) {
		return new ProblemDetailErrorController(problemDetails);
	}

}
